namespace WorkflowHost.Testing;

/// <summary>
/// The Debian Chromium that browser tests drive (Microsoft.Playwright with
/// <c>ExecutablePath = Chromium.ExecutablePath</c> and <c>Args = Chromium.HeadlessArgs</c>);
/// <c>./test.sh</c> installs it (<c>apt-get install -y chromium chromium-driver</c>) when run as root.
/// </summary>
public static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>
    /// Path of the Chromium executable: <c>/usr/bin/chromium</c>.
    /// Throws <see cref="InvalidOperationException"/> with install instructions when it is missing.
    /// </summary>
    public static string ExecutablePath
    {
        get
        {
            if (!File.Exists(DefaultPath))
            {
                throw new InvalidOperationException(
                    $"Chromium was not found at {DefaultPath}. Browser tests need Debian's Chromium: " +
                    "run ./test.sh as root (it installs it), or install it yourself with " +
                    "`apt-get install -y chromium chromium-driver`.");
            }

            return DefaultPath;
        }
    }

    /// <summary>Arguments for a headless, sandbox-less (root, containers) Chromium that makes no network calls of its own.</summary>
    public static IReadOnlyList<string> HeadlessArgs { get; } = Array.AsReadOnly(new[]
    {
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    });
}
