using System.Net;
using System.Net.Http.Json;

/// <summary>What every bench of the driver does the same way: sign a client in, and read percentiles of latencies.</summary>
internal static class BenchClients
{
    /// <summary>
    /// A client with its own cookie jar (one session, as one person at one desk), signed in as <paramref name="user"/>;
    /// a refused sign-in stops the bench with the server's answer.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(Uri url, string user, string password, TimeSpan timeout)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = url, Timeout = timeout };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        if (!login.IsSuccessStatusCode)
        {
            var answer = await login.Content.ReadAsStringAsync();
            client.Dispose();
            throw new InvalidOperationException($"sign-in as {user}: {(int)login.StatusCode} {answer}");
        }
        return client;
    }

    /// <summary>The <paramref name="p"/>-th percentile (0..1) of latencies sorted ascending (nearest rank).</summary>
    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
