using WorkflowHost.Procedures.Routing;
using WorkflowHost.Procedures.Tests.Support;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Routing;

/// <summary>The routing table: the shipped Đà Nẵng table routes the scenarios; a table with mistakes is refused
/// (or warned about) naming the row.</summary>
public sealed class RoutingTableTests
{
    private static readonly RoutingTable Shipped48 = RoutingTableFile.Parse(File.ReadAllText(Path.Combine(Shipped.Workflows, "routing", "48.json")));
    private static readonly Router Router = new(Shipped.Units, new UnitResolver(Shipped.Units));
    private static readonly DateOnly August2025 = new(2025, 8, 1);
    private const string Land = "9.900002";
    private const string Permit = "9.900001";
    private const string Marriage = "1.000894";

    private static RoutingDecision Route(string procedure, DateOnly day, string receiving, string? unitCode = null, string? unitName = null,
        RoutingTable? table = null, string applicant = "citizen", int channel = 1) =>
        Router.Route(table ?? Shipped48, new RoutingQuery(Shipped.Catalogue.InForce(procedure, day)!, new SubjectLocation(unitCode, unitName, null, null),
            applicant, channel, Shipped.Units.Find(receiving, day)!, day));

    [Fact]
    public void ShippedTable_HasNoErrors()
    {
        var problems = RoutingTableCheck.Check(Shipped48, Shipped.Units, Shipped.Catalogue);

        Assert.DoesNotContain(problems, p => p.IsError);
    }

    [Fact]
    public void Route_SendsLandAtNguHanhSonToItsBranch_AndReturnsItWhereReceived()
    {
        var decision = Route(Land, August2025, receiving: "20242", unitCode: "20285");

        Assert.True(decision.Allowed);
        Assert.Equal("20285", decision.Competent?.Code);
        Assert.Equal("20242", decision.Return?.Code);
        Assert.Equal("land-branch-2025", decision.Rule?.Id);
        Assert.Contains(decision.Explanation, line => line.Contains("land registration branch", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_SendsAnOldWardNameToTheWardThatAbsorbedIt()
    {
        var decision = Route(Marriage, August2025, receiving: "20242", unitName: "phường Thạch Thang");

        Assert.True(decision.Allowed);
        Assert.Equal("20242", decision.Competent?.Code);
        Assert.Equal(["20233"], decision.SubjectVia.Select(v => v.Code));
        Assert.Contains(decision.Explanation, line => line.Contains("Thạch Thang", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_RefusesAProcedureOffTheListAtAForeignCentre_NamingTheCompetentCentre()
    {
        // The construction permit is not boundary independent (catalogue), and the ward row defers to the catalogue.
        var decision = Route(Permit, August2025, receiving: "20242", unitCode: "20285");

        Assert.False(decision.Allowed);
        Assert.Equal("receivingUnit", decision.Refusal?.Field);
        Assert.Equal("20285", decision.Refusal?.CompetentCentre?.Code);
        Assert.Contains("Ngũ Hành Sơn", decision.Refusal!.Reason);
    }

    [Fact]
    public void Route_RefusesAsAmbiguous_WhenTheSubjectIsASplitUnitWithoutDetail()
    {
        var decision = Route(Marriage, August2025, receiving: "20242", unitName: "xã Hòa Liên");

        Assert.False(decision.Allowed);
        Assert.Equal("subject.unitName", decision.Refusal?.Field);
        Assert.Equal(2, decision.Refusal?.Candidates?.Count);
    }

    [Fact]
    public void Route_FollowsEffectiveDates_DistrictBeforeTheReformAndWardAfter()
    {
        var before = Route(Permit, Shipped.LastOldDay, receiving: "494", unitCode: "20285"); // Khuê Mỹ, in quận Ngũ Hành Sơn
        var after = Route(Permit, Shipped.ReformDay, receiving: "20285", unitName: "phường Khuê Mỹ");

        Assert.Equal(("district-procedures-2020", "494"), (before.Rule?.Id, before.Competent?.Code));
        Assert.Equal(("ward-2025", "20285"), (after.Rule?.Id, after.Competent?.Code));
    }

    [Fact]
    public void Route_IsAClearRefusal_WhenNoRowMatches()
    {
        var table = Shipped48 with { Rules = Shipped48.Rules.Where(r => r.Id != "ward-2025").ToList() };

        var decision = Route(Marriage, August2025, receiving: "20242", unitCode: "20242", table: table);

        Assert.False(decision.Allowed);
        Assert.Equal("procedureCode", decision.Refusal?.Field);
        Assert.Contains("No row of routing table 48", decision.Refusal!.Reason);
    }

    [Fact]
    public void Route_TakesTheFirstMatchingRow_WhenRowsOverlap()
    {
        var fixedRow = Shipped48.Rules.Single(r => r.Id == "ward-2025") with
        {
            Id = "organisations-to-hai-chau", ApplicantTypes = ["organisation"], Competent = CompetentKind.Fixed, CompetentUnit = "20242", ReceivableAnywhere = true,
        };
        var table = Shipped48 with { Rules = [fixedRow, .. Shipped48.Rules] };

        Assert.Equal("20242", Route(Marriage, August2025, receiving: "20209", unitCode: "20209", table: table, applicant: "organisation").Competent?.Code);
        Assert.Equal("20209", Route(Marriage, August2025, receiving: "20209", unitCode: "20209", table: table, applicant: "citizen").Competent?.Code);
    }

    [Fact]
    public void Check_WarnsAboutOverlappingRows_AndRefusesARowThatCanNeverMatch()
    {
        var ward = Shipped48.Rules.Single(r => r.Id == "ward-2025");
        var narrower = ward with { Id = "hai-chau-only", SubjectUnits = ["20242"], From = August2025 };
        var overlapping = ward with { Id = "online-only", Channels = [2], From = new DateOnly(2025, 6, 1), To = null };
        var table = Shipped48 with { Rules = [.. Shipped48.Rules, narrower, overlapping] };

        var problems = RoutingTableCheck.Check(table, Shipped.Units, Shipped.Catalogue);

        var shadowed = Assert.Single(problems, p => p.Rule == "hai-chau-only" && p.IsError);
        Assert.Contains("can never match", shadowed.Message);
        Assert.Contains(problems, p => p.Rule == "online-only" && !p.IsError && p.Message.Contains("'ward-2025'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("subjectUnits", "99999", "No unit has code '99999'")]
    [InlineData("subjectUnits", "20233", "does not exist while the row applies")] // Thạch Thang ended before the row begins
    [InlineData("procedureCodes", "9.999999", "No procedure has code '9.999999'")]
    [InlineData("receivingUnits", "494", "does not exist while the row applies")]
    public void Check_RefusesUnknownOrExpiredCodes_NamingTheRow(string field, string code, string expected)
    {
        var ward = Shipped48.Rules.Single(r => r.Id == "ward-2025");
        var bad = field switch
        {
            "subjectUnits" => ward with { Id = "bad", SubjectUnits = [code] },
            "procedureCodes" => ward with { Id = "bad", ProcedureCodes = [code] },
            _ => ward with { Id = "bad", ReceivingUnits = [code] },
        };
        var table = Shipped48 with { Rules = [bad, .. Shipped48.Rules] };

        var problem = Assert.Single(RoutingTableCheck.Check(table, Shipped.Units, Shipped.Catalogue), p => p.Rule == "bad" && p.IsError);

        Assert.Equal($"$.rules[0].{field}", problem.Path);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Parse_RefusesAMisspeltCondition_NamingItsPath()
    {
        var error = Assert.Throws<RoutingTableException>(() => RoutingTableFile.Parse("""{"province":"48","version":1,"rules":[{"id":"x","procedureCode":["1"]}]}"""));

        Assert.Contains("procedureCode", error.Problems[0].Path + error.Problems[0].Message);
    }

    [Fact]
    public void SelectVersion_ChoosesTheTrialRule_OnlyAtTheTrialSiteOnTheTrialDays()
    {
        Assert.Equal("construction-permit", Router.SelectVersion(Shipped48, Permit, new DateOnly(2025, 6, 22), "494", "494")?.ProcessKey);
        Assert.Null(Router.SelectVersion(Shipped48, Permit, new DateOnly(2025, 6, 30), "494", "494"));
        Assert.Null(Router.SelectVersion(Shipped48, Permit, new DateOnly(2025, 6, 22), "492", "492"));
    }
}
