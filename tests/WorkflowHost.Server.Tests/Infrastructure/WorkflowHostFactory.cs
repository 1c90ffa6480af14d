using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// The real WorkflowHost.Server (its Program, middleware, Hangfire server and database) on an in-memory test server.
/// Settings go in through <c>UseSetting</c>, which the factory hands to Program as command-line arguments, so
/// <c>AddWorkflowHost</c> already sees them when it picks the storage. The suite's <paramref name="setup"/> adds its
/// test services; subclasses may change the host further.
/// </summary>
public class WorkflowHostFactory(IReadOnlyDictionary<string, string?> settings, RecentLogs logs, HostSetup? setup = null) : WebApplicationFactory<Program>
{
    public RecentLogs Logs { get; } = logs;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            // Console logging of every request would drown the test output; warnings and errors are kept for failure messages.
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddProvider(Logs);
        });
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Registers test services (a clock, service task handlers) after the host's own services.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services) => setup?.ConfigureServices(services);
}

/// <summary>The last warnings and errors the host logged, appended to failure messages of polling assertions.</summary>
public sealed class RecentLogs : ILoggerProvider
{
    private const int Capacity = 60;
    private readonly Queue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public string Tail()
    {
        lock (_lines) return _lines.Count == 0 ? "(no warnings or errors logged)" : string.Join(Environment.NewLine, _lines);
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > Capacity) _lines.Dequeue();
        }
    }

    private sealed class Logger(RecentLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null) text += $" [{exception.GetType().Name}: {exception.Message}]";
            owner.Add(text);
        }
    }
}
