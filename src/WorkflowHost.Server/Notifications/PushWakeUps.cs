using Microsoft.Extensions.Options;
using Npgsql;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Wakes this node's relay when another transaction committed pushes: a connection of its own that LISTENs on
/// <see cref="RelayedLiveChannel.WakeChannel"/>. When the connection breaks it wakes the relay (to read what it may
/// have missed) and listens again; the relay's polling covers the time in between.
/// </summary>
public sealed class PushWakeUps(StorageSettings storage, IOptions<LiveRelayOptions> options, ILogger<PushWakeUps> logger)
{
    /// <summary>The listening connection's application name, so <c>pg_stat_activity</c> tells it apart.</summary>
    public const string ApplicationName = StorageSettings.ApplicationName + " relay";

    private volatile bool _listening;
    private volatile bool _lost;

    /// <summary>Whether this node hears other nodes' pushes at once.</summary>
    public bool Listening => _listening;

    /// <summary>True once a LISTEN attempt failed or its connection broke, until it listens again: pushes then arrive by polling.</summary>
    public bool Lost => _lost;

    public async Task ListenAsync(Action wake, CancellationToken stop)
    {
        // Outside the pools: a pooled connection that LISTENs would pass its subscription on to whoever took it next.
        var connectionString = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false, ApplicationName = ApplicationName, KeepAlive = 30 }.ConnectionString;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, _) => wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {RelayedLiveChannel.WakeChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stop);
                (_listening, _lost) = (true, false);
                wake(); // whatever committed while nobody here listened
                while (true) await connection.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                _listening = false;
                return;
            }
            catch (Exception ex)
            {
                (_listening, _lost) = (false, true);
                logger.LogWarning(ex, "Listening for live pushes failed; polling every {Interval} until it listens again", options.Value.PollInterval);
                wake();
                try { await Task.Delay(options.Value.ReconnectDelay, stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
