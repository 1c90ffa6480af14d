namespace WorkflowHost.Server;

/// <summary>Settings under "WorkflowHost" in configuration.</summary>
public sealed class WorkflowHostOptions
{
    /// <summary>Where the embedded SQLite database lives.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>Procedures deployed (and published) at start-up when their XML is new.</summary>
    public string WorkflowsDirectory { get; set; } = "workflows";
    /// <summary>Seeds the demo users (admin/admin ...). Defaults to on for the embedded SQLite mode only.</summary>
    public bool? SeedDemoUsers { get; set; }
    /// <summary>Time zone of timer dates written without an offset.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
    /// <summary>Timers due within this window get a Hangfire job; later ones wait in their row (decision 7).</summary>
    public TimeSpan TimerHorizon { get; set; } = TimeSpan.FromMinutes(10);
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
}
