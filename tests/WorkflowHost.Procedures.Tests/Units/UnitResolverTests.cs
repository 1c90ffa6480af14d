using WorkflowHost.Procedures.Tests.Support;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Units;

/// <summary>Units as papers write them, resolved on the shipped Đà Nẵng data.</summary>
public sealed class UnitResolverTests
{
    private static readonly UnitResolver Resolver = new(Shipped.Units);
    private static readonly DateOnly August2025 = new(2025, 8, 1);

    [Theory]
    [InlineData("phường Thạch Thang")]
    [InlineData("Phường Thạch Thang")]
    [InlineData("P. Thach Thang")]
    [InlineData("thach thang")]
    [InlineData("20233")]
    public void Resolve_LeadsAnOldWardToTheWardThatAbsorbedIt_WithOrWithoutMarksAndKindWord(string written)
    {
        var found = Resolver.Resolve(written, August2025);

        Assert.Equal(("20242", "Hải Châu"), (found.Unit?.Code, found.Unit?.Name));
        Assert.Equal(["Thạch Thang"], found.Via.Select(v => v.Name));
        Assert.False(found.Ambiguous);
    }

    [Fact]
    public void Resolve_ReadsAReusedCodeAsOfTheDay()
    {
        Assert.Equal("Phước Ninh", Resolver.Resolve("20242", Shipped.LastOldDay).Unit?.Name);
        Assert.Equal("Hải Châu", Resolver.Resolve("20242", Shipped.ReformDay).Unit?.Name);
        Assert.Empty(Resolver.Resolve("20242", Shipped.ReformDay).Via);
    }

    [Fact]
    public void Resolve_AnswersAmbiguousWithBothCandidates_WhenASplitUnitHasNoDecidingDetail()
    {
        var found = Resolver.Resolve("xã Hòa Liên", August2025, address: "thôn Quan Nam 1");

        Assert.Null(found.Unit);
        Assert.True(found.Ambiguous);
        Assert.Equal(["20194", "20197"], found.Candidates.Select(c => c.Unit.Code).Order());
        Assert.All(found.Candidates, c => Assert.NotNull(c.PartNote));
        Assert.Contains("split", found.Problem);
    }

    [Fact]
    public void Resolve_LetsTheAddressDecideASplitUnit_WhenTheMappingSaysWhichPartMoved()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(Shipped.Workflows, "units", "units.csv"), Path.Combine(folder.Path, "units.csv"));
        var mappings = File.ReadAllLines(Path.Combine(Shipped.Workflows, "units", "mappings.csv"))
            .Select(l => l.StartsWith("old_code", StringComparison.Ordinal) ? l + ",part_match"
                : l.StartsWith("20296,20194,", StringComparison.Ordinal) ? "20296,20194,2025-07-01,\"part of Hòa Liên\",thôn Hòa Bắc;parcel:7/100-250"
                : l + ",");
        folder.Write("mappings.csv", string.Join('\n', mappings));
        var resolver = new UnitResolver(UnitRegistry.Load(folder.Path));

        Assert.Equal("20194", resolver.Resolve("Hoa Lien", August2025, address: "Thôn Hòa Bắc, xã Hòa Liên").Unit?.Code);
        Assert.Equal("20194", resolver.Resolve("Hoa Lien", August2025, parcel: "7/120").Unit?.Code);
        // Parcel 7/99 is outside the range: nothing decides, so no guess.
        Assert.True(resolver.Resolve("Hoa Lien", August2025, parcel: "7/99").Ambiguous);
    }

    [Fact]
    public void Resolve_SaysWhy_WhenNothingIsNamedSo()
    {
        var found = Resolver.Resolve("phường Không Có", August2025);

        Assert.Null(found.Unit);
        Assert.False(found.Ambiguous);
        Assert.Contains("Không Có", found.Problem);
    }

    [Fact]
    public void Resolve_FindsADistrictOnlyWhenTheKindWordSaysSo()
    {
        Assert.Equal("494", Resolver.Resolve("quận Ngũ Hành Sơn", Shipped.LastOldDay).Unit?.Code);
        // Without the kind word the name means the commune-level unit (a ward of that name exists from 2025-07-01).
        Assert.Equal("20285", Resolver.Resolve("Ngũ Hành Sơn", August2025).Unit?.Code);
    }
}
