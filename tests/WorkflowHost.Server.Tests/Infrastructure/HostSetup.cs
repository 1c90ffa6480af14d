using Microsoft.Extensions.DependencyInjection;

namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// What one suite adds to the API suites' host, whatever the provider: the shipped procedures, settings, test services
/// (a clock, service task handlers), data seeded once the host runs, and what it owns besides (an SMTP server). A suite
/// writes its setup once and runs on <see cref="SqliteApiFixture{TSetup}"/> and <see cref="PostgresApiFixture{TSetup}"/>,
/// so nothing of it is repeated per provider. The fixture creates one setup per test class and disposes it last.
/// </summary>
public class HostSetup : IDisposable
{
    /// <summary>True to deploy the procedures of the repository's workflows/ at start (dossier suites); other suites deploy their own.</summary>
    public virtual bool ShippedProcedures => false;

    /// <summary>The host's settings: the API suites' <paramref name="settings"/> plus this suite's.</summary>
    public virtual IReadOnlyDictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> settings) => settings;

    /// <summary>Registers test services after the host's own (every node of the suite gets them).</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Runs once the host has started, before the first test (seeding).</summary>
    public virtual Task AfterStartAsync(IServiceProvider services) => Task.CompletedTask;

    public virtual void Dispose()
    {
    }
}

/// <summary>The host with the repository's procedures, routing tables and calendars deployed (dossier suites).</summary>
public sealed class ShippedProceduresSetup : HostSetup
{
    public override bool ShippedProcedures => true;
}

/// <summary>
/// A fixture whose host runs with a <typeparamref name="TSetup"/>; covariant, so a suite that needs only a clock asks for
/// <c>IHostFixture&lt;ClockSetup&gt;</c> and accepts any setup built on one.
/// </summary>
public interface IHostFixture<out TSetup> where TSetup : HostSetup
{
    TSetup Setup { get; }
}

/// <summary>A suite's setup on the embedded provider.</summary>
public sealed class SqliteApiFixture<TSetup> : SqliteApiFixture, IHostFixture<TSetup> where TSetup : HostSetup, new()
{
    public TSetup Setup { get; } = new();

    protected override HostSetup SuiteSetup => Setup;
}

/// <summary>A suite's setup on the production provider (a fresh database on the assembly's shared cluster).</summary>
public sealed class PostgresApiFixture<TSetup>(Testing.SharedPostgres postgres) : PostgresApiFixture(postgres), IHostFixture<TSetup> where TSetup : HostSetup, new()
{
    public TSetup Setup { get; } = new();

    protected override HostSetup SuiteSetup => Setup;
}
