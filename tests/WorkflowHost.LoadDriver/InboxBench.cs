using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Issue 9's benchmark against a seeded database (seed-inbox.py): the inbox queries as the demo staff of three wards
/// send them, and receipts at the desk. Prints p50/p95/p99 of every query kind and of receipts, and receipts/s.
///   --mode queries  --clients C --requests N   N requests of each kind, C clients at once, each signed in as one of
///                                              the ward staff (officer, reception, leader of Hải Châu, Thanh Khê, Ngũ
///                                              Hành Sơn); the search terms come from the dossiers of their own open tasks.
///   --mode receipts --clients C --receipts N   N receipts of marriage registration (1.000894), client i signed in as the
///                                              reception of ward i % 3, receiving at that ward.
/// </summary>
internal static class InboxBench
{
    private static readonly (string User, string Unit)[] Staff =
    [
        ("officer.hai-chau", "20242"), ("reception.thanh-khe", "20209"), ("leader.ngu-hanh-son", "20285"),
        ("reception.hai-chau", "20242"), ("officer.thanh-khe", "20209"), ("officer.ngu-hanh-son", "20285"),
        ("leader.thanh-khe", "20209"), ("reception.ngu-hanh-son", "20285"), ("leader.hai-chau", "20242"),
    ];

    private static readonly (string User, string Unit)[] Desks = [("reception.hai-chau", "20242"), ("reception.thanh-khe", "20209"), ("reception.ngu-hanh-son", "20285")];

    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var url = new Uri(Get("--url", "http://127.0.0.1:5080"));
        var clients = int.Parse(Get("--clients", "8"), CultureInfo.InvariantCulture);
        return Get("--mode", "") switch
        {
            "queries" => await QueriesAsync(url, clients, int.Parse(Get("--requests", "200"), CultureInfo.InvariantCulture),
                int.Parse(Get("--warmup", "20"), CultureInfo.InvariantCulture)),
            "receipts" => await ReceiptsAsync(url, clients, int.Parse(Get("--receipts", "100000"), CultureInfo.InvariantCulture),
                double.Parse(Get("--seconds", "0"), CultureInfo.InvariantCulture), int.Parse(Get("--warmup", "40"), CultureInfo.InvariantCulture)),
            var other => throw new ArgumentException($"--mode {other}"),
        };
    }

    private static async Task<int> QueriesAsync(Uri url, int clientCount, int requests, int warmup)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, clientCount).Select(i => SignInAsync(url, Staff[i % Staff.Length].User)));
        // Search terms from the dossiers of open tasks each client can see (its own unit): full codes, a code's day prefix
        // (the code without its running number), applicant full names and surnames, each with and without diacritics.
        var terms = new List<(string Code, string Name)>[clientCount];
        for (var i = 0; i < clientCount; i++)
        {
            using var page = JsonDocument.Parse(await clients[i].GetByteArrayAsync("/api/tasks?view=all&limit=200&sort=created"));
            terms[i] = page.RootElement.EnumerateArray()
                .Select(t => (t.GetProperty("dossierCode").GetString()!, t.GetProperty("applicantName").GetString()!)).ToList();
            if (terms[i].Count == 0) throw new InvalidOperationException($"{Staff[i % Staff.Length].User} sees no open task: is the database seeded?");
        }
        var random = new Random(9);
        var pick = Enumerable.Range(0, clientCount).Select(_ => new int[requests + warmup]).ToArray();
        foreach (var row in pick) for (var j = 0; j < row.Length; j++) row[j] = random.Next(200);
        (string Code, string Name) Term(int client, int n) => terms[client][pick[client][n] % terms[client].Count];
        static string Surname(string name) => name.Split(' ')[0];
        static string E(string s) => Uri.EscapeDataString(s);
        var list = new List<(string Name, Func<int, int, string> Path)>
        {
            ("tasks: my tasks (view=mine)", (c, n) => "/api/tasks?view=mine"),
            ("tasks: my unit's queue (view=queue)", (c, n) => "/api/tasks?view=queue"),
            ("tasks: due soon (view=dueSoon)", (c, n) => "/api/tasks?view=dueSoon"),
            ("tasks: search full code", (c, n) => $"/api/tasks?q={E(Term(c, n).Code)}"),
            ("tasks: search code prefix (day)", (c, n) => $"/api/tasks?q={E(Term(c, n).Code[..^5])}"),
            ("tasks: search full name, diacritics", (c, n) => $"/api/tasks?q={E(Term(c, n).Name)}"),
            ("tasks: search full name, no diacritics", (c, n) => $"/api/tasks?q={E(Fold(Term(c, n).Name))}"),
            ("tasks: search surname, diacritics", (c, n) => $"/api/tasks?q={E(Surname(Term(c, n).Name))}"),
            ("tasks: search surname, no diacritics", (c, n) => $"/api/tasks?q={E(Fold(Surname(Term(c, n).Name)))}"),
            ("dossiers: search full code", (c, n) => $"/api/dossiers?q={E(Term(c, n).Code)}"),
            ("dossiers: search code prefix (day)", (c, n) => $"/api/dossiers?q={E(Term(c, n).Code[..^5])}"),
            ("dossiers: search full name, diacritics", (c, n) => $"/api/dossiers?q={E(Term(c, n).Name)}"),
            ("dossiers: search full name, no diacritics", (c, n) => $"/api/dossiers?q={E(Fold(Term(c, n).Name))}"),
            ("dossiers: search surname, diacritics", (c, n) => $"/api/dossiers?q={E(Surname(Term(c, n).Name))}"),
            ("dossiers: search surname, no diacritics", (c, n) => $"/api/dossiers?q={E(Fold(Surname(Term(c, n).Name)))}"),
        };
        Console.WriteLine($"Inbox queries: {requests} requests of each kind, {clientCount} clients at once ({string.Join(", ", Enumerable.Range(0, clientCount).Select(i => Staff[i % Staff.Length].User))}); warm-up {warmup} of each kind");
        foreach (var (name, path) in list) await PhaseAsync(clients, warmup, path, null, 0);
        Console.WriteLine($"{"query",-44} {"p50",8} {"p95",8} {"p99",8} {"max",8} {"req/s",8} {"rows/answer",12}");
        foreach (var (name, path) in list)
        {
            var latencies = new List<double>(requests);
            var watch = Stopwatch.StartNew();
            var rows = await PhaseAsync(clients, requests, path, latencies, warmup);
            var seconds = watch.Elapsed.TotalSeconds;
            latencies.Sort();
            Console.WriteLine($"{name,-44} {P(latencies, 0.50),8:0.0} {P(latencies, 0.95),8:0.0} {P(latencies, 0.99),8:0.0} {latencies[^1],8:0.0} {requests / seconds,8:0} {rows / (double)requests,12:0.0}");
        }
        Console.WriteLine("(latencies in ms, measured at the client: one HTTP request each; rows/answer = mean items in the answer)");
        foreach (var c in clients) c.Dispose();
        return 0;
    }

    /// <summary>Sends n requests spread over the clients (client c sends requests c, c + C, ...); returns the items answered.</summary>
    private static async Task<long> PhaseAsync(HttpClient[] clients, int n, Func<int, int, string> path, List<double>? latencies, int offset)
    {
        long rows = 0;
        var next = -1;
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path(c, offset + i));
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path(c, offset + i)}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                using var doc = JsonDocument.Parse(body);
                var count = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.GetArrayLength() : doc.RootElement.GetProperty("items").GetArrayLength();
                Interlocked.Add(ref rows, count);
                if (latencies is not null) lock (latencies) latencies.Add(elapsed);
            }
        }));
        return rows;
    }

    private static async Task<int> ReceiptsAsync(Uri url, int clientCount, int receipts, double seconds, int warmup)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, clientCount).Select(i => SignInAsync(url, Desks[i % Desks.Length].User)));
        string[] surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"];
        string[] given = ["Văn An", "Thị Bình", "Minh Châu", "Thị Hoa", "Đức Hùng", "Ngọc Lan", "Quốc Việt"];
        async Task Receive(int c, int n, List<double>? latencies)
        {
            var unit = Desks[c % Desks.Length].Unit;
            var body = new
            {
                procedureCode = "1.000894", receivingUnit = unit, channel = 1,
                applicant = new { type = "citizen", name = $"{surnames[n % surnames.Length]} {given[n / 7 % given.Length]}", idNumber = $"0482{n:D8}", phone = $"0905{n % 1000000:D6}" },
                subject = new { unitCode = unit },
            };
            var watch = Stopwatch.StartNew();
            using var response = await clients[c].PostAsJsonAsync("/api/dossiers", body);
            var answer = await response.Content.ReadAsStringAsync();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"receipt: {(int)response.StatusCode} {answer}");
            if (latencies is not null) lock (latencies) latencies.Add(elapsed);
        }
        async Task<int> Run(int count, int first, List<double>? latencies, Stopwatch? until)
        {
            var next = -1;
            var done = 0;
            await Task.WhenAll(clients.Select(async (_, c) =>
            {
                int i;
                while ((until is null || until.Elapsed.TotalSeconds < seconds) && (i = Interlocked.Increment(ref next)) < count)
                {
                    await Receive(c, first + i, latencies);
                    Interlocked.Increment(ref done);
                }
            }));
            return done;
        }
        await Run(warmup, 0, null, null);
        var all = new List<double>();
        var watch = Stopwatch.StartNew();
        var received = await Run(receipts, warmup, all, seconds > 0 ? watch : null);
        var elapsed = watch.Elapsed.TotalSeconds;
        all.Sort();
        Console.WriteLine($"receipts: {received} in {elapsed:0.00} s = {received / elapsed:0.0} receipts/s, {clientCount} clients at {string.Join(", ", Desks.Select(d => d.Unit))} (after {warmup} warm-up receipts)");
        Console.WriteLine($"receipt latency ms: p50 {P(all, 0.50):0.0}  p95 {P(all, 0.95):0.0}  p99 {P(all, 0.99):0.0}  max {all[^1]:0.0}");
        foreach (var c in clients) c.Dispose();
        return 0;
    }

    private static double P(List<double> sorted, double p) => BenchClients.Percentile(sorted, p);

    /// <summary>A demo user's session (password = user name); long timeout: a sitting may queue requests for a while.</summary>
    private static Task<HttpClient> SignInAsync(Uri url, string user) => BenchClients.SignInAsync(url, user, user, TimeSpan.FromSeconds(120));

    /// <summary>As VietnameseText.Fold: lower case without diacritics (đ -> d).</summary>
    private static string Fold(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ch in text.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(ch is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }
}
