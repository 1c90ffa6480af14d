using System.Text.Json.Nodes;
using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Tests.Support;

namespace WorkflowHost.Procedures.Tests.Catalogue;

/// <summary>
/// Broken procedure files are refused with the file, the JSON path and what is wrong. Each case changes one value of
/// a valid file; <see cref="Load_Succeeds_WhenFileIsTheValidBaseline"/> shows the baseline itself loads.
/// </summary>
public sealed class CatalogueDataValidationTests : IDisposable
{
    private const string Baseline = """
        {
          "code": "1.000894",
          "version": 1,
          "name": "Đăng ký kết hôn",
          "nameEn": "Marriage registration",
          "field": "Hộ tịch",
          "competentLevel": "commune",
          "timeLimit": { "kind": "same-day", "value": 0, "cutoff": "15:00" },
          "fees": [ { "name": "Lệ phí", "amount": 0, "moment": "at-receipt" } ],
          "requiredDocuments": [ { "code": "TK", "name": "Tờ khai", "copies": 1, "required": true } ],
          "boundaryIndependent": true,
          "processKey": "marriage-registration",
          "validFrom": "2020-01-01",
          "validTo": "2025-06-30"
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_Succeeds_WhenFileIsTheValidBaseline()
    {
        _folder.Write("a.json", Baseline);

        var procedure = Assert.Single(ProcedureCatalogue.Load(_folder.Path).All);

        Assert.Equal("1.000894", procedure.Code);
        Assert.False(procedure.CodeIllustrative);
        Assert.Null(procedure.LegalBasis);
    }

    [Theory]
    [InlineData("$.name", "remove", null, "a non-empty string is required")]
    [InlineData("$.name", "set", "\"  \"", "a non-empty string is required")]
    [InlineData("$.code", "set", "\"kết hôn\"", "is not a national procedure code")]
    [InlineData("$.version", "set", "0", "0 is less than 1")]
    [InlineData("$.version", "set", "\"1\"", "expected a whole number, found the string \"1\"")]
    [InlineData("$.competentLevel", "set", "\"hamlet\"", "'hamlet' is not one of commune, district, province, central")]
    [InlineData("$.boundaryIndependent", "remove", null, "true or false is required")]
    [InlineData("$.validFrom", "set", "\"01/07/2025\"", "'01/07/2025' is not a date of the form yyyy-MM-dd")]
    [InlineData("$.validTo", "set", "\"2019-12-31\"", "2019-12-31 is before validFrom 2020-01-01")]
    [InlineData("$.processKey", "set", "\"Marriage Registration\"", "is not a process key")]
    [InlineData("$.nmae", "set", "\"typo\"", "unknown property")]
    [InlineData("$.timeLimit", "set", "15", "expected an object, found the number 15")]
    [InlineData("$.timeLimit.kind", "set", "\"calendar-days\"", "'calendar-days' is not one of same-day, working-days, working-hours")]
    [InlineData("$.timeLimit.value", "set", "5", "a same-day limit has value 0, not 5")]
    [InlineData("$.timeLimit.cutoff", "set", "\"3pm\"", "'3pm' is not a time of the form HH:mm")]
    [InlineData("$.fees", "remove", null, "an array is required (it may be empty)")]
    [InlineData("$.fees[0].moment", "set", "\"at-payment\"", "'at-payment' is not one of at-receipt, at-supplement, at-return")]
    [InlineData("$.fees[0].amount", "set", "-1", "-1 is not a whole, non-negative number of đồng")]
    [InlineData("$.requiredDocuments[0].copies", "set", "0", "0 is less than 1")]
    [InlineData("$.requiredDocuments[0].required", "set", "\"yes\"", "expected true or false, found the string \"yes\"")]
    [InlineData("$.reminders", "set", "1", "expected an object, found the number 1")]
    public void Load_RefusesNamingTheJsonPath_WhenOneValueIsWrong(string path, string change, string? json, string expected)
    {
        var file = _folder.Write("marriage-registration-v1.json", Change(path, change, json));

        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.Equal(file, error.File);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith($"{file}, {path}: ", error.Message);
    }

    [Theory]
    [InlineData("{\"beforeDueWorkingDays\": 31}", "$.reminders.beforeDueWorkingDays", "31 is more than 30")]
    [InlineData("{\"beforeDueWorkingDays\": -1}", "$.reminders.beforeDueWorkingDays", "-1 is less than 0")]
    [InlineData("{\"atDue\": \"yes\"}", "$.reminders.atDue", "expected true or false")]
    [InlineData("{\"escalte\": false}", "$.reminders.escalte", "unknown property")]
    public void Load_RefusesAReminderPolicy_NamingItsField_WhenAValueIsWrong(string reminders, string path, string expected)
    {
        _folder.Write("marriage-registration-v1.json", Change("$.reminders", "set", reminders));

        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Load_ReadsTheReminderPolicy_AndDefaultsWhatItOmits()
    {
        _folder.Write("a.json", Change("$.reminders", "set", "{\"beforeDueWorkingDays\": 2, \"escalate\": false}"));

        var procedure = Assert.Single(ProcedureCatalogue.Load(_folder.Path).All);

        Assert.Equal(new WorkflowHost.Procedures.Reminders.ReminderPolicy(2, AtDue: true, Escalate: false), procedure.ReminderPolicy);
    }

    [Fact]
    public void Load_GivesTheDefaultReminderPolicy_WhenTheFileHasNone()
    {
        _folder.Write("a.json", Baseline);

        Assert.Equal(WorkflowHost.Procedures.Reminders.ReminderPolicy.Default, Assert.Single(ProcedureCatalogue.Load(_folder.Path).All).ReminderPolicy);
    }

    [Fact]
    public void Load_RefusesNamingTheLine_WhenFileIsNotJson()
    {
        var file = _folder.Write("broken.json", "{\n  \"code\": \"1.000894\",\n  \"version\": 1,,\n}");

        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.Equal(file, error.File);
        Assert.Contains("not valid JSON (line 3", error.Message);
    }

    [Fact]
    public void Load_RefusesTheLaterFile_WhenTwoVersionsOfOneCodeOverlap()
    {
        _folder.Write("a-v1.json", Baseline);
        var later = _folder.Write("a-v2.json", Change2(validFrom: "2025-06-01", validTo: null, version: 2));

        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.Equal(later, error.File);
        Assert.Equal("$.validFrom", error.JsonPath);
        Assert.Contains("version 1", error.Message);
        Assert.Contains("still in force until 2025-06-30", error.Message);
    }

    [Fact]
    public void Load_RefusesTheLaterFile_WhenTwoFilesHaveTheSameVersion()
    {
        _folder.Write("a-v1.json", Baseline);
        var later = _folder.Write("a-v1-copy.json", Change2(validFrom: "2025-07-01", validTo: null, version: 1));

        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.Equal(later, error.File);
        Assert.Equal("$.version", error.JsonPath);
    }

    [Fact]
    public void Load_RefusesALowerNumber_WhenALaterVersionIsNumberedBelowAnEarlierOne()
    {
        _folder.Write("a-v1.json", Baseline);
        var earlier = _folder.Write("a-v0.json", Change2(validFrom: "2015-01-01", validTo: "2019-12-31", version: 2));

        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.EndsWith("a-v1.json", error.File);
        Assert.Equal("$.version", error.JsonPath);
        Assert.Contains("comes into force after version 2", error.Message);
        Assert.Contains(earlier, error.Message);
    }

    [Fact]
    public void Load_GivesBothVersions_WhenTheyFollowEachOther()
    {
        _folder.Write("a-v1.json", Baseline);
        _folder.Write("a-v2.json", Change2(validFrom: "2025-07-01", validTo: null, version: 2));

        var catalogue = ProcedureCatalogue.Load(_folder.Path);

        Assert.Equal([1, 2], catalogue.All.Select(p => p.Version));
        Assert.Equal(2, catalogue.InForce("1.000894", new DateOnly(2025, 7, 1))?.Version);
    }

    [Fact]
    public void Load_Refuses_WhenFolderHoldsNoProcedure()
    {
        var error = Assert.Throws<CatalogueDataException>(() => ProcedureCatalogue.Load(_folder.Path));

        Assert.Equal(_folder.Path, error.File);
        Assert.Contains("no procedure", error.Message);
    }

    [Fact]
    public void Load_ReadsTheProceduresSubfolder_WhenGivenTheWorkflowsFolder()
    {
        Assert.Equal(Shipped.Catalogue.All.Count, ProcedureCatalogue.Load(Shipped.Workflows).All.Count);
    }

    private static string Change(string path, string change, string? json)
    {
        var root = JsonNode.Parse(Baseline)!.AsObject();
        var steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = root;
        foreach (var step in steps[..^1])
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        var last = steps[^1];
        if (change == "remove") parent.AsObject().Remove(last);
        else parent[last] = JsonNode.Parse(json!);
        return root.ToJsonString();
    }

    private static string Change2(string validFrom, string? validTo, int version)
    {
        var root = JsonNode.Parse(Baseline)!.AsObject();
        root["validFrom"] = validFrom;
        root["validTo"] = validTo;
        root["version"] = version;
        return root.ToJsonString();
    }
}
