using WorkflowHost.Procedures.Tests.Support;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Units;

/// <summary>
/// More units and mappings arrive as extra CSV files (<c>units-*.csv</c>, <c>mappings-*.csv</c>) without code: they are
/// checked together with the shipped ones, and a bad row is refused naming its own file and line.
/// </summary>
public sealed class UnitImportTests : IDisposable
{
    private const string UnitsHeader = "code,name,kind,parent_code,valid_from,valid_to,agency_code,agency_code_illustrative,source";
    private const string MappingsHeader = "old_code,new_code,effective_from,part_note,part_match";
    private readonly TempFolder _folder = new();

    public UnitImportTests()
    {
        File.Copy(Path.Combine(Shipped.Workflows, "units", "units.csv"), Path.Combine(_folder.Path, "units.csv"));
        File.Copy(Path.Combine(Shipped.Workflows, "units", "mappings.csv"), Path.Combine(_folder.Path, "mappings.csv"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_AddsImportedUnitsAndMappings_WhenExtraFilesFollowTheNamingRule()
    {
        // A later (imagined) reform on 2026-01-01: Hòa Cường absorbed into Hải Châu under a new code.
        _folder.Write("units-2026.csv", string.Join('\n', UnitsHeader,
            "20257,Hòa Cường,ward,48,2025-07-01,2025-12-31,000.02.57.H48,true,ends in the imagined 2026 reform"));
        _folder.Write("mappings-2026.csv", string.Join('\n', MappingsHeader, "20257,29999,2026-01-01,,"));
        _folder.Write("units-2026b.csv", string.Join('\n', UnitsHeader, "29999,Hải Châu Mới,ward,48,2026-01-01,,000.99.99.H48,true,imagined"));
        var shipped = File.ReadAllLines(Path.Combine(_folder.Path, "units.csv")).Where(l => !l.StartsWith("20257,Hòa Cường,ward,48,2025-07-01", StringComparison.Ordinal));
        File.WriteAllLines(Path.Combine(_folder.Path, "units.csv"), shipped);

        var registry = UnitRegistry.Load(_folder.Path);
        var resolved = new UnitResolver(registry).Resolve("phường Hòa Cường Bắc", new DateOnly(2026, 2, 1));

        Assert.Equal("29999", resolved.Unit?.Code);
        // Two reforms passed: the old ward until 2025-06-30, then Hòa Cường of 2025-07-01 (both carried code 20257).
        Assert.Equal(["Hòa Cường Bắc", "Hòa Cường"], resolved.Via.Select(v => v.Name));
    }

    [Theory]
    [InlineData("units-extra.csv", UnitsHeader + "\n20242,Hải Châu,ward,48,2025-07-01,,000.02.42.H48,true,dup", 2, "code 20242 (Hải Châu, 2025-07-01..open) is also used by units.csv line")]
    [InlineData("units-extra.csv", UnitsHeader + "\n\n99999,Nowhere,ward,777,2025-07-01,,,,x", 3, "column 4 (parent_code): no unit with code 777")]
    [InlineData("mappings-extra.csv", MappingsHeader + "\n20233,20242,2025-07-01,,", 2, "the pair 20233→20242 from 2025-07-01 is already on mappings.csv line")]
    [InlineData("mappings-extra.csv", MappingsHeader + "\n20296,20242,2025-07-01,a third part,parcel:x", 2, "column 5 (part_match): 'parcel:x' is not parcel:<sheet>")]
    [InlineData("mappings-extra.csv", MappingsHeader + "\n20296,20242,2025-07-01,,Âu Cơ", 2, "column 4 (part_note): part_match says which part moved")]
    [InlineData("mappings-extra.csv", "old_code,new_code,effective_from,part_note,part_where\n20296,20242,2025-07-01,x,y", 1, "column 5 'part_where' is not a documented column")]
    public void Load_RefusesTheImportNamingItsFileAndLine_WhenARowIsBad(string file, string content, int line, string expected)
    {
        _folder.Write(file, content);

        var error = Assert.Throws<UnitDataException>(() => UnitRegistry.Load(_folder.Path));

        Assert.Equal(Path.Combine(_folder.Path, file), error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message);
    }
}
