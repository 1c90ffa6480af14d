using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Runs a service job through the handler registered for its topic. Failures are retried with a growing delay;
/// when attempts are exhausted the job fails in the engine and becomes an incident; an incident retry requests a
/// new job.
/// </summary>
public sealed class ServiceJobRunner(IServiceScopeFactory scopes, ServiceTaskHandlers handlers, JobStorage storage,
    IOptions<WorkflowHostOptions> options, TimeProvider clock, ILogger<ServiceJobRunner> logger)
{
    /// <summary>
    /// A retry after back-off, which holds even when Hangfire starts the job early (<see cref="EarlyStart"/>). Same
    /// name as the first run, so the reconciler sees it as the row's live job.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid jobId, DateTimeOffset notBefore, CancellationToken ct)
    {
        await EarlyStart.WaitUntilAsync(notBefore, clock, ct);
        await RunAsync(jobId, ct);
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        ServiceJobEntity? job;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            job = await db.ServiceJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        }
        if (job is null || job.Status != RowStatus.Pending) return;

        IReadOnlyDictionary<string, JsonNode?>? output;
        try
        {
            var handler = handlers.For(job.Topic)
                ?? throw new ServiceTaskFailure($"No handler is registered for topic '{job.Topic}'.", retry: false);
            var payload = JsonNode.Parse(job.PayloadJson) as JsonObject ?? [];
            output = await handler.HandleAsync(new ServiceTaskContext(job.InstanceId, job.ElementId, job.Topic, payload, job.Id), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailedAsync(job, ex, ct);
            return;
        }
        await FinishAsync(job.Id, (state, instance) => new CompleteServiceJob(job.EngineJobId, output), RowStatus.Done, null, ct);
    }

    /// <summary>
    /// How long a freshly committed job without a Hangfire id is left to the dispatcher of the request that committed
    /// it: the reconciler enqueuing it too would run the handler twice for one request.
    /// </summary>
    public static readonly TimeSpan DispatchGrace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Queues every pending service job without a live Hangfire job (in-memory storage after a restart, a node that
    /// died between commit and enqueue), except rows younger than <see cref="DispatchGrace"/> that have no job id yet:
    /// their dispatcher is about to enqueue them. Running a job twice is harmless to the instance (finishing checks the
    /// row is still pending), but not always to the outside world, hence the grace.
    /// </summary>
    [DisableConcurrentExecution(60)]
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var scheduling = scope.ServiceProvider.GetRequiredService<IJobScheduling>();
        var settled = clock.GetUtcNow() - DispatchGrace;
        var pending = db.ServiceJobs.AsNoTracking().Where(j => j.Status == RowStatus.Pending && (j.HangfireJobId != null || j.CreatedAt <= settled));
        using var connection = storage.GetConnection();
        var queued = 0;
        await foreach (var page in KeysetPages.ReadAsync(pending, j => j.Id, j => new PendingRow(j.Id, j.HangfireJobId), r => r.Id, options.Value.ReconcilePageSize, ct))
            foreach (var job in page)
            {
                if (job.HangfireJobId is { } existing && LiveJobs.Runs(connection, existing, typeof(ServiceJobRunner), nameof(RunAsync), job.Id)) continue;
                await scheduling.EnqueueServiceJobAsync(job.Id, ct);
                queued++;
            }
        if (queued > 0) logger.LogInformation("Queued {Count} service job(s) that had no live Hangfire job", queued);
        return queued;
    }

    private sealed record PendingRow(Guid Id, string? HangfireJobId);

    private async Task FailedAsync(ServiceJobEntity job, Exception ex, CancellationToken ct)
    {
        var attempts = job.Attempts + 1;
        var retry = ex is not ServiceTaskFailure { Retry: false } && ex is not BpmnErrorException && attempts < options.Value.ServiceJobAttempts;
        if (retry)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await db.ServiceJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Attempts, attempts).SetProperty(j => j.LastError, ex.Message), ct);
            var delay = options.Value.ServiceJobRetryDelay * Math.Pow(2, attempts - 1);
            logger.LogWarning("Service job {JobId} ({Topic}) failed (attempt {Attempt}); retrying in {Delay}: {Message}", job.Id, job.Topic, attempts, delay, ex.Message);
            await scope.ServiceProvider.GetRequiredService<IJobScheduling>().ScheduleServiceJobRetryAsync(job.Id, clock.GetUtcNow() + delay, ct);
            return;
        }
        var message = attempts > 1 ? $"{ex.Message} (after {attempts} attempts)" : ex.Message;
        var code = (ex as BpmnErrorException)?.ErrorCode;
        await FinishAsync(job.Id, (state, instance) => new FailServiceJob(job.EngineJobId, message, code), RowStatus.Failed, message, ct);
    }

    private Task FinishAsync(Guid jobId, Func<InstanceState, InstanceEntity?, EngineCommand> command, string status, string? error, CancellationToken ct) =>
        ConflictRetry.RunAsync(scopes, async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            var job = await db.ServiceJobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
            if (job is null || job.Status != RowStatus.Pending) return;
            await services.GetRequiredService<InstanceCommandService>().ExecuteAsync(job.InstanceId, state => command(state, null), "service-job", _ =>
            {
                job.Status = status;
                job.Attempts++;
                job.LastError = error;
                return Task.CompletedTask;
            }, ct);
        }, ct);
}
