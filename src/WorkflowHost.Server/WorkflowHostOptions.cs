namespace WorkflowHost.Server;

/// <summary>Settings under "WorkflowHost" in configuration.</summary>
public sealed class WorkflowHostOptions
{
    /// <summary>Where the embedded SQLite database lives.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>Procedures deployed (and published) at start-up when their XML is new.</summary>
    public string WorkflowsDirectory { get; set; } = "workflows";
    /// <summary>
    /// User name of the first admin of a database without an active admin: made at start-up with a temporary password
    /// written once to the log (warning), to be changed at the first sign-in. Ignored once an active admin exists.
    /// </summary>
    public string? FirstAdmin { get; set; }
    /// <summary>Seeds the demo users (admin/admin ...). Defaults to on for the embedded SQLite mode only.</summary>
    public bool? SeedDemoUsers { get; set; }
    /// <summary>Time zone of timer dates written without an offset.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
    /// <summary>Timers due within this window get a Hangfire job; later ones wait in their row (decision 7).</summary>
    public TimeSpan TimerHorizon { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Rows the reconcilers read at a time (keyset pages), so a backlog of pending rows is never held at once.</summary>
    public int ReconcilePageSize { get; set; } = 500;
    /// <summary>How often Hangfire looks for due scheduled jobs; bounds the delay of a due timer.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Attempts of a service job before it becomes an incident.</summary>
    public int ServiceJobAttempts { get; set; } = 3;
    /// <summary>First retry delay of a failed service job; doubles on each attempt.</summary>
    public TimeSpan ServiceJobRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Hangfire worker count (default: 4 per core).</summary>
    public int? HangfireWorkers { get; set; }
    /// <summary>Largest accepted request body (BPMN documents included).</summary>
    public long MaxRequestBytes { get; set; } = 5 * 1024 * 1024;
    /// <summary>
    /// Largest size of one instance's variables together (UTF-8 JSON, default 1 MiB): a request that would take an
    /// instance past it is refused (422, field <c>variables</c>); a script that would stops with an incident. 0: no cap.
    /// </summary>
    public long MaxInstanceVariablesBytes { get; set; } = 1024 * 1024;
    /// <summary>Most waiting instances one message request may reach; a broadcast beyond it is refused (422).</summary>
    public int MaxMessageDeliveries { get; set; } = 100;
    /// <summary>Sign-in attempts (login and token) one client address may make for one user name per minute.</summary>
    public int LoginAttemptsPerUser { get; set; } = 10;
    /// <summary>Sign-in attempts one client address may make per minute, whatever the user names.</summary>
    public int LoginAttemptsPerAddress { get; set; } = 60;
    /// <summary>
    /// How long a session's check against the account (security stamp, lockout) is trusted before the database is
    /// asked again: disabling an account or changing its roles takes effect within this time on every node.
    /// </summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often each node looks for changed calendar files and re-plans the deadlines they move; zero turns it off.</summary>
    public TimeSpan CalendarPollInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Reverse proxies (addresses, or networks such as 10.0.0.0/24) whose X-Forwarded-* headers are believed; loopback always is.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
