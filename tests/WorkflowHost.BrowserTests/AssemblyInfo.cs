// One test class at a time: each class starts its own server process and Chromium, and two of them side by side on a
// shared 2-core machine starve each other (with two classes in parallel the journey test's queue check failed).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
