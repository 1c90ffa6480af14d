using Hangfire.Storage;

namespace WorkflowHost.Server.Jobs;

/// <summary>Tells whether a Hangfire job id stored on a row still stands for pending work on that row.</summary>
internal static class LiveJobs
{
    /// <summary>
    /// True when <paramref name="jobId"/> is a job not yet finished that calls <paramref name="method"/> for this very
    /// row. The id alone is not enough: in-memory storage numbers jobs 1, 2, 3... again after a restart, so a stored
    /// id may now name another row's job.
    /// </summary>
    public static bool Runs(IStorageConnection connection, string jobId, Type type, string method, object rowId)
    {
        JobData? data;
        try
        {
            data = connection.GetJobData(jobId);
        }
        catch (FormatException)
        {
            return false; // an id from another storage (PostgreSQL ids are numbers): certainly not a live job here
        }
        return data is not null && data.State is not ("Deleted" or "Failed" or "Succeeded")
            && data.Job is { } job && job.Type == type && job.Method.Name == method
            && job.Args.Count > 0 && Equals(job.Args[0], rowId);
    }
}
