using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

/// <summary>
/// Issue 11's dashboard benchmark against a database seeded by seed-sla.py: each dashboard query N times in a row by one
/// client, as a ward's manager (the dashboard's reader) and as the admin over all 94 units; prints p50/p95/p99 in ms.
///   --mode sla --requests N --warmup W
/// </summary>
internal static class SlaBench
{
    public static async Task<int> RunAsync(Uri url, int requests, int warmup)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var month = $"from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var quarter = $"from={today.AddDays(-91):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var year = $"from={today.AddDays(-365):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var queries = new (string Name, string Path)[]
        {
            ("report, last 30 days", $"/api/reports/sla?{month}"),
            ("report, last 91 days", $"/api/reports/sla?{quarter}"),
            ("report, last 365 days", $"/api/reports/sla?{year}"),
            ("report xlsx, last 30 days", $"/api/reports/sla?{month}&format=xlsx"),
            ("trend per day, last 30 days", $"/api/reports/sla/trend?{month}&bucket=day"),
            ("trend per week, last 91 days", $"/api/reports/sla/trend?{quarter}&bucket=week"),
            ("deadline lists (overdue, due soon)", "/api/reports/deadlines"),
            ("bottlenecks, marriage registration", "/api/reports/bottlenecks?procedure=1.000894"),
        };
        Console.WriteLine($"SLA dashboard queries: {requests} requests of each kind by one client after {warmup} warm-up requests");
        Console.WriteLine($"{"user",-18} {"query",-38} {"p50",8} {"p95",8} {"p99",8} {"max",8} {"bytes",9}");
        foreach (var user in new[] { "manager.hai-chau", "admin" })
        {
            using var client = await SignInAsync(url, user);
            foreach (var (name, path) in queries)
            {
                for (var i = 0; i < warmup; i++) (await client.GetAsync(path)).EnsureSuccessStatusCode();
                var latencies = new List<double>(requests);
                long bytes = 0;
                for (var i = 0; i < requests; i++)
                {
                    var watch = Stopwatch.StartNew();
                    using var response = await client.GetAsync(path);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                    bytes = body.Length;
                }
                latencies.Sort();
                Console.WriteLine($"{user,-18} {name,-38} {P(latencies, 0.50),8:0.0} {P(latencies, 0.95),8:0.0} {P(latencies, 0.99),8:0.0} {latencies[^1],8:0.0} {bytes,9}");
            }
        }
        Console.WriteLine("(latencies in ms at the client, one HTTP request each, requests one after another)");
        return 0;
    }

    private static double P(List<double> sorted, double p) => BenchClients.Percentile(sorted, p);

    /// <summary>A demo user's session (password = user name); long timeout: a sitting may queue requests for a while.</summary>
    private static Task<HttpClient> SignInAsync(Uri url, string user) => BenchClients.SignInAsync(url, user, user, TimeSpan.FromSeconds(120));
}
