using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Sends the push log (<c>live_pushes</c>) to this node's connections: every node on a shared PostgreSQL database
/// runs one, so a message reaches a person whichever node holds their connection. It reads when woken by a
/// committed push (<see cref="PushWakeUps"/>) and every <see cref="LiveRelayOptions.PollInterval"/> in case a wake-up
/// was lost, and sends each row once (<see cref="PushCursor"/>). It starts at the log's end: a node that was down has
/// no connections to catch up for, and the web app reloads the bell when its connection comes back.
/// </summary>
public sealed class LivePushRelay(IServiceScopeFactory scopes, IHubContext<NotificationsHub> hub, PushWakeUps wakeUps, IOptions<LiveRelayOptions> options,
    TimeProvider clock, ILogger<LivePushRelay> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan CleanUpEvery = TimeSpan.FromMinutes(5);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private PushCursor? _cursor;
    private TimeSpan _cleanedAt;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            _cursor = new PushCursor(await db.LivePushes.MaxAsync(p => (long?)p.Id, cancellationToken) ?? 0, options.Value.GapTimeout);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var listening = wakeUps.ListenAsync(() => _wake.Writer.TryWrite(true), stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stop);
                if (_elapsed.Elapsed - _cleanedAt >= CleanUpEvery) await CleanUpAsync(stop);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(options.Value.PollInterval);
                await _wake.Reader.WaitToReadAsync(wait.Token);
                _wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // The poll interval passed without a wake-up: read anyway.
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reading the live push log failed; trying again in {Interval}", options.Value.PollInterval);
                try { await Task.Delay(options.Value.PollInterval, stop); }
                catch (OperationCanceledException) { break; }
            }
        }
        await listening;
    }

    /// <summary>Sends every row not sent yet, in id order, until the log has nothing new.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        var cursor = _cursor!;
        while (true)
        {
            var (settled, highest, sent) = (cursor.Settled, cursor.Highest, cursor.SentAbove.ToList());
            using var scope = scopes.CreateScope();
            var rows = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().LivePushes.AsNoTracking()
                .Where(p => p.Id > highest || (p.Id > settled && !sent.Contains(p.Id)))
                .OrderBy(p => p.Id).Take(BatchSize).ToListAsync(ct);
            var now = _elapsed.Elapsed;
            foreach (var row in rows)
            {
                if (!cursor.Accept(row.Id, now)) continue;
                try
                {
                    await hub.Clients.Group(row.Group).SendAsync(row.Method, JsonSerializer.Deserialize<JsonElement>(row.Payload), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Not sent again: a second try could reach some connections twice; the bell reloads it.
                    logger.LogWarning(ex, "Live push {Id} to {Group} failed; it stays in the bell", row.Id, row.Group);
                }
            }
            cursor.Advance(now);
            if (rows.Count < BatchSize) return;
        }
    }

    /// <summary>Deletes pushes past the retention; every node may, it is the same DELETE.</summary>
    private async Task CleanUpAsync(CancellationToken ct)
    {
        _cleanedAt = _elapsed.Elapsed;
        var before = clock.GetUtcNow() - options.Value.Retention;
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().LivePushes.Where(p => p.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
