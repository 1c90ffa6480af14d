using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Support;

/// <summary>The data files shipped in <c>workflows/</c>, copied next to the tests by the project file and loaded once.</summary>
internal static class Shipped
{
    public static readonly string Workflows = Path.Combine(AppContext.BaseDirectory, "workflows");

    private static readonly Lazy<UnitRegistry> LazyUnits = new(() => UnitRegistry.Load(Path.Combine(Workflows, "units")));
    private static readonly Lazy<ProcedureCatalogue> LazyCatalogue = new(() => ProcedureCatalogue.Load(Path.Combine(Workflows, "procedures")));

    public static UnitRegistry Units => LazyUnits.Value;
    public static ProcedureCatalogue Catalogue => LazyCatalogue.Value;

    /// <summary>Last day of the old units.</summary>
    public static readonly DateOnly LastOldDay = new(2025, 6, 30);

    /// <summary>First day of the new units (Resolution 1659/NQ-UBTVQH15).</summary>
    public static readonly DateOnly ReformDay = new(2025, 7, 1);
}

/// <summary>A folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wh-procedures-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a leftover temp folder must not fail a test
    }
}
