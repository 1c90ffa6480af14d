// Each test class starts its own server process and headless Chromium; run side by side on a 2-core machine they
// starve each other and Playwright's 5-second expectations fail (seen with the journey, bell and dashboard classes
// together). One class at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
