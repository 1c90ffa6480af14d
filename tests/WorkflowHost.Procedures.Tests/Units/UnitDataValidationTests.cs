using WorkflowHost.Procedures.Tests.Support;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Units;

/// <summary>
/// Broken unit files are refused with the file, line and column a maintainer needs. Each case changes one line of a
/// small valid data set; <see cref="Load_Succeeds_WhenFilesAreTheValidBaseline"/> shows the baseline itself loads, so
/// each refusal is caused by the changed line.
/// </summary>
public sealed class UnitDataValidationTests : IDisposable
{
    private static readonly string[] BaselineUnits =
    [
        "code,name,kind,parent_code,valid_from,valid_to,agency_code,agency_code_illustrative,source",
        "48,Đà Nẵng,province,,2000-01-01,2025-06-30,,false,old city",          // line 2
        "48,Đà Nẵng,province,,2025-07-01,,,false,new city",                    // line 3
        "492,Hải Châu,district,48,2000-01-01,2025-06-30,,false,old district",  // line 4
        "20242,Phước Ninh,ward,492,2000-01-01,2025-06-30,,false,old ward",     // line 5
        "20296,Hòa Liên,commune,492,2000-01-01,2025-06-30,,,\"split, see mappings\"", // line 6
        "20242,Hải Châu,ward,48,2025-07-01,,000.02.42.H48,true,new ward",      // line 7
        "20197,Liên Chiểu,ward,48,2025-07-01,,000.01.97.H48,true,new ward",    // line 8
    ];

    private static readonly string[] BaselineMappings =
    [
        "old_code,new_code,effective_from,part_note",
        "20242,20242,2025-07-01,",                  // line 2
        "20296,20242,2025-07-01,\"part, east\"",    // line 3
        "20296,20197,2025-07-01,remainder",         // line 4
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_Succeeds_WhenFilesAreTheValidBaseline()
    {
        var registry = Load(BaselineUnits, BaselineMappings);

        Assert.Equal(7, registry.All.Count);
        Assert.Equal("Hải Châu", registry.Find("20242", new DateOnly(2025, 7, 1))?.Name);
        Assert.Equal(UnitKind.Commune, registry.Find("20296", new DateOnly(2025, 1, 1))?.Kind);
        // Quoted fields keep their commas (line 6's source would otherwise make ten fields).
        Assert.Equal(["remainder", "part, east"], registry.SuccessorsOf("20296").Select(m => m.PartNote));
        Assert.Null(registry.SuccessorsOf("20242").Single().PartNote);
    }

    [Theory]
    [InlineData(5, "20242,Phước Ninh,hamlet,492,2000-01-01,2025-06-30,,false,x", "column 3 (kind): 'hamlet' is not a unit kind")]
    [InlineData(5, "20242,Phước Ninh,ward,492,2025-06-30,2000-01-01,,false,x", "column 6 (valid_to): 2000-01-01 is before valid_from")]
    [InlineData(5, "20242,Phước Ninh,ward,492,2000-13-01,2025-06-30,,false,x", "column 5 (valid_from): '2000-13-01' is not a date")]
    [InlineData(5, "20242,,ward,492,2000-01-01,2025-06-30,,false,x", "column 2 (name): a value is required")]
    [InlineData(5, "20242,Phước Ninh,ward,999,2000-01-01,2025-06-30,,false,x", "column 4 (parent_code): no unit with code 999 is valid on 2000-01-01")]
    [InlineData(5, "20242,Phước Ninh,ward,,2000-01-01,2025-06-30,,false,x", "column 4 (parent_code): a ward needs the code")]
    [InlineData(5, "20242,\"Phước Ninh,ward,492,2000-01-01,2025-06-30,,false,x", "column 2: the quote opened at character 7 is not closed")]
    [InlineData(5, "20242,Phước Ninh,ward,492,2000-01-01,2025-06-30,,false", "the line has 8 fields but the header has 9")]
    [InlineData(2, "48,Đà Nẵng,province,49,2000-01-01,2025-06-30,,false,x", "column 4 (parent_code): a province has no parent")]
    [InlineData(4, "492,Hải Châu,district,20242,2000-01-01,2025-06-30,,false,x", "parent 20242 (Phước Ninh) is a Ward, which cannot contain a District")]
    [InlineData(7, "20242,Hải Châu,ward,48,2025-06-01,,000.02.42.H48,true,x", "column 1 (code): code 20242 (Hải Châu, 2025-06-01..open) is also used by line 5")]
    [InlineData(7, "20242,Hải Châu,ward,492,2025-07-01,,000.02.42.H48,true,x", "column 4 (parent_code): no unit with code 492 is valid on 2025-07-01")]
    [InlineData(8, "20197,Liên Chiểu,ward,48,2025-07-01,,000.02.42.H48,true,x", "column 7 (agency_code): agency code 000.02.42.H48 (Liên Chiểu")]
    [InlineData(8, "20197,Liên Chiểu,ward,48,2025-07-01,,000-01-97,true,x", "column 7 (agency_code): '000-01-97' is not an agency code")]
    [InlineData(8, "20197,Liên Chiểu,ward,48,2025-07-01,,,true,x", "column 8 (agency_code_illustrative): true, but there is no agency_code")]
    [InlineData(8, "20197,Liên Chiểu,ward,48,2025-07-01,,000.01.97.H48,yes,x", "column 8 (agency_code_illustrative): 'yes' is not true or false")]
    [InlineData(8, "20 197,Liên Chiểu,ward,48,2025-07-01,,000.01.97.H48,true,x", "column 1 (code): '20 197' is not a statistics-office code")]
    [InlineData(1, "code,name,kind,parent_code,valid_from,valid_to,agency_code,agency_code_illustrative", "the header lacks column(s) source")]
    [InlineData(1, "code,name,kind,parent,valid_from,valid_to,agency_code,agency_code_illustrative,source", "column 4 'parent' is not a documented column")]
    public void Load_RefusesUnitsCsvNamingLineAndColumn_WhenOneLineIsWrong(int line, string replacement, string expected)
    {
        var error = Assert.Throws<UnitDataException>(() => Load(Replace(BaselineUnits, line, replacement), BaselineMappings));

        Assert.Equal(Path.Combine(_folder.Path, "units.csv"), error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{error.File}, line {line}: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(2, "20197,20242,2025-07-01,", "column 1 (old_code): no unit with code 20197 in units.csv ends on 2025-06-30")]
    [InlineData(2, "20242,492,2025-07-01,", "column 2 (new_code): no unit with code 492 in units.csv begins on 2025-07-01")]
    [InlineData(2, "20242,20242,2025-08-01,", "column 1 (old_code): no unit with code 20242 in units.csv ends on 2025-07-31")]
    [InlineData(2, "20242,20242,,", "column 3 (effective_from): a value is required")]
    [InlineData(4, "20296,20242,2025-07-01,again", "column 2 (new_code): the pair 20296→20242 from 2025-07-01 is already on line 3")]
    [InlineData(4, "20296,20197,2025-07-01,", "column 4 (part_note): 20296 is split across 2 new units")]
    public void Load_RefusesMappingsCsvNamingLineAndColumn_WhenOneLineIsWrong(int line, string replacement, string expected)
    {
        var error = Assert.Throws<UnitDataException>(() => Load(BaselineUnits, Replace(BaselineMappings, line, replacement)));

        Assert.Equal(Path.Combine(_folder.Path, "mappings.csv"), error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains($"line {line}: {expected}", error.Message);
    }

    [Fact]
    public void Load_RefusesNamingTheMissingFile_WhenMappingsCsvIsAbsent()
    {
        _folder.Write("units.csv", string.Join('\n', BaselineUnits));

        var error = Assert.Throws<UnitDataException>(() => UnitRegistry.Load(_folder.Path));

        Assert.Equal(Path.Combine(_folder.Path, "mappings.csv"), error.File);
        Assert.Equal(0, error.Line);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Load_RefusesAStrayCsv_WhenFolderHoldsAnUndocumentedFile()
    {
        _folder.Write("units (copy).csv", string.Join('\n', BaselineUnits));

        var error = Assert.Throws<UnitDataException>(() => Load(BaselineUnits, BaselineMappings));

        Assert.EndsWith("units (copy).csv", error.File);
        Assert.Contains("unexpected file", error.Message);
    }

    [Fact]
    public void Load_Succeeds_WhenFilesWereSavedByExcelWithBomAndCrLf()
    {
        var bom = "\uFEFF";
        _folder.Write("units.csv", bom + string.Join("\r\n", BaselineUnits) + "\r\n");
        _folder.Write("mappings.csv", bom + string.Join("\r\n", BaselineMappings) + "\r\n");

        var registry = UnitRegistry.Load(_folder.Path);

        Assert.Equal("Phước Ninh", registry.Find("20242", new DateOnly(2025, 6, 30))?.Name);
        Assert.Equal("remainder", registry.SuccessorsOf("20296")[0].PartNote);
    }

    [Fact]
    public void Load_RefusesNamingTheFile_WhenUnitsCsvIsNotUtf8()
    {
        // Windows-1252 bytes, as a spreadsheet saving "CSV" in a legacy code page would write them.
        File.WriteAllBytes(Path.Combine(_folder.Path, "units.csv"), System.Text.Encoding.Latin1.GetBytes("code,name\n1,Ph\u00F4"));
        _folder.Write("mappings.csv", string.Join('\n', BaselineMappings));

        var error = Assert.Throws<UnitDataException>(() => UnitRegistry.Load(_folder.Path));

        Assert.EndsWith("units.csv", error.File);
        Assert.Contains("cannot be read as UTF-8", error.Message);
    }

    [Fact]
    public void Load_RefusesNamingTheFolder_WhenItDoesNotExist()
    {
        var missing = Path.Combine(_folder.Path, "nowhere");

        var error = Assert.Throws<UnitDataException>(() => UnitRegistry.Load(missing));

        Assert.Equal(missing, error.File);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Load_ReadsTheUnitsSubfolder_WhenGivenTheWorkflowsFolder()
    {
        var registry = UnitRegistry.Load(Shipped.Workflows);

        Assert.Equal(Shipped.Units.All.Count, registry.All.Count);
    }

    private UnitRegistry Load(string[] units, string[] mappings)
    {
        _folder.Write("units.csv", string.Join('\n', units) + "\n");
        _folder.Write("mappings.csv", string.Join('\n', mappings) + "\n");
        return UnitRegistry.Load(_folder.Path);
    }

    private static string[] Replace(string[] lines, int line, string replacement)
    {
        var copy = (string[])lines.Clone();
        copy[line - 1] = replacement;
        return copy;
    }
}
