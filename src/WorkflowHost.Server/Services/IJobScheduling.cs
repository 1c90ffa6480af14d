namespace WorkflowHost.Server.Services;

/// <summary>
/// The one way the shell hands work to Hangfire (decision 7: the database row is the truth, Hangfire the executor).
/// Services call it after the row is committed; the implementation lives with the jobs (<c>Jobs.JobScheduling</c>),
/// so services never name a job class and the Services → Jobs dependency runs one way only.
/// <para>Contract, for every method that schedules:</para>
/// <list type="bullet">
/// <item>The row is committed first; the job id is stored on it afterwards, and only while the row is still pending, so
/// a row that fired, finished or was cancelled meanwhile keeps its final state.</item>
/// <item>Scheduling is at-least-once, never exactly-once: a node may die between scheduling and storing the id, or a
/// reconciler may schedule a row whose job was lost. Every job handler therefore re-reads its row and does nothing
/// unless it is still pending; callers never rely on a job running only once.</item>
/// <item>A row without a live job is found again by <see cref="ReconcileAsync"/> (at start-up and every minute),
/// which reads pending rows in keyset pages, so a restart with in-memory Hangfire storage loses nothing.</item>
/// <item>Nothing here throws for Hangfire trouble on withdrawal: a job that cannot be deleted runs and finds its row
/// no longer pending.</item>
/// </list>
/// </summary>
public interface IJobScheduling
{
    /// <summary>Schedules the timer row <paramref name="timerId"/> to fire at <paramref name="dueAt"/> and stores the job id on it.</summary>
    Task ScheduleTimerAsync(Guid timerId, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>Queues the service-job row <paramref name="jobId"/> to run now and stores the job id on it.</summary>
    Task EnqueueServiceJobAsync(Guid jobId, CancellationToken ct);

    /// <summary>Schedules another attempt of the service-job row <paramref name="jobId"/>, not before <paramref name="notBefore"/>.</summary>
    Task ScheduleServiceJobRetryAsync(Guid jobId, DateTimeOffset notBefore, CancellationToken ct);

    /// <summary>Queues the delivery of the outbox row <paramref name="outboxId"/> (a thrown message or signal) and stores the job id on it.</summary>
    Task EnqueueOutboxAsync(long outboxId, CancellationToken ct);

    /// <summary>
    /// Schedules one job at <paramref name="fireAt"/> that fires every pending reminder due then, and stores its id on
    /// the reminder rows <paramref name="reminderIds"/> (all due at that instant). One job serves many rows: working-day
    /// steps fall due at the same instants, so thousands of rows may share one.
    /// </summary>
    Task ScheduleRemindersAsync(DateTimeOffset fireAt, IReadOnlyCollection<Guid> reminderIds, CancellationToken ct);

    /// <summary>Deletes a job whose row was cancelled; best effort (see the contract above).</summary>
    void Withdraw(string hangfireJobId);

    /// <summary>
    /// Gives every pending row without a live job a job: timers inside the horizon, service jobs past the dispatch grace.
    /// Returns how many it scheduled of each.
    /// </summary>
    Task<(int Timers, int ServiceJobs)> ReconcileAsync(CancellationToken ct);
}
