using WorkflowHost.Procedures.Dossiers;
using WorkflowHost.Procedures.Tests.Support;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Units;

/// <summary>The shipped unit data, as a clerk of new Đà Nẵng would check it against the resolution and the brief.</summary>
public sealed class UnitRegistryTests
{
    private static UnitRegistry Units => Shipped.Units;

    [Fact]
    public void AsOf_Gives94CommuneLevelUnits_23Wards70Communes1SpecialZone_WhenDayIsReformDay()
    {
        var local = Units.AsOf(Shipped.ReformDay).Where(u => u.Kind != UnitKind.Province).ToList();

        Assert.Equal(94, local.Count);
        Assert.Equal(23, local.Count(u => u.Kind == UnitKind.Ward));
        Assert.Equal(70, local.Count(u => u.Kind == UnitKind.Commune));
        var special = Assert.Single(local, u => u.Kind == UnitKind.SpecialZone);
        Assert.Equal("Hoàng Sa", special.Name);
        Assert.All(local, u => Assert.Equal("48", u.ParentCode));
    }

    [Fact]
    public void AsOf_GivesNoDistrict_WhenDayIsReformDay()
    {
        Assert.DoesNotContain(Units.AsOf(Shipped.ReformDay), u => u.Kind == UnitKind.District);
        Assert.DoesNotContain(Units.AsOf(new DateOnly(2030, 1, 1)), u => u.Kind == UnitKind.District);
    }

    [Fact]
    public void AsOf_GivesOldDaNangAndQuangNam_WhenDayIsLastOldDay()
    {
        var old = Units.AsOf(Shipped.LastOldDay);

        Assert.Equal(["Đà Nẵng", "Quảng Nam"], old.Where(u => u.Kind == UnitKind.Province).Select(u => u.Name));
        Assert.Equal(8, old.Count(u => u.Kind == UnitKind.District && u.ParentCode == "48"));
        Assert.Equal(17, old.Count(u => u.Kind == UnitKind.District && u.ParentCode == "49"));
        var oldDaNangDistricts = old.Where(u => u.ParentCode == "48").Select(u => u.Code).ToHashSet();
        Assert.Equal(47, old.Count(u => u.ParentCode is { } p && oldDaNangDistricts.Contains(p)));
        Assert.Equal(280, old.Count(u => u.Kind is UnitKind.Ward or UnitKind.Commune));
        Assert.DoesNotContain(old, u => u.Kind == UnitKind.SpecialZone);
    }

    [Fact]
    public void AsOf_OrdersByKindThenVietnameseName_WhenDayIsReformDay()
    {
        var units = Units.AsOf(Shipped.ReformDay);

        Assert.Equal(UnitKind.Province, units[0].Kind);
        var wards = units.Where(u => u.Kind == UnitKind.Ward).Select(u => u.Name).ToList();
        Assert.Equal("An Hải", wards[0]);
        Assert.True(units.ToList().FindLastIndex(u => u.Kind == UnitKind.Ward) < units.ToList().FindIndex(u => u.Kind == UnitKind.Commune));
        // Vietnamese order puts Đ between D and E; code-point order would push every Đ name past Z.
        var communes = units.Where(u => u.Kind == UnitKind.Commune).Select(u => u.Name).ToList();
        Assert.True(communes.FindLastIndex(n => n.StartsWith('Đ')) < communes.FindIndex(n => n.StartsWith('H')));
        Assert.True(communes.FindIndex(n => n.StartsWith('Đ')) > communes.FindLastIndex(n => n.StartsWith('D')));
    }

    [Theory]
    [InlineData("Hải Châu", UnitKind.Ward, "Thanh Bình|Thuận Phước|Thạch Thang|Phước Ninh|Hải Châu")]
    [InlineData("Hòa Cường", UnitKind.Ward, "Bình Thuận|Hòa Thuận Tây|Hòa Cường Bắc|Hòa Cường Nam")]
    [InlineData("Thanh Khê", UnitKind.Ward, "Xuân Hà|Chính Gián|Thạc Gián|Thanh Khê Tây|Thanh Khê Đông")]
    [InlineData("An Khê", UnitKind.Ward, "Hòa An|Hòa Phát|An Khê")]
    [InlineData("An Hải", UnitKind.Ward, "Phước Mỹ|An Hải Bắc|An Hải Nam")]
    [InlineData("Sơn Trà", UnitKind.Ward, "Thọ Quang|Nại Hiên Đông|Mân Thái")]
    [InlineData("Ngũ Hành Sơn", UnitKind.Ward, "Mỹ An|Khuê Mỹ|Hòa Hải|Hòa Quý")]
    [InlineData("Hòa Khánh", UnitKind.Ward, "Hòa Khánh Nam|Hòa Minh|Hòa Sơn")]
    [InlineData("Liên Chiểu", UnitKind.Ward, "Hòa Khánh Bắc|Hòa Liên")]
    [InlineData("Hải Vân", UnitKind.Ward, "Hòa Hiệp Bắc|Hòa Hiệp Nam|Hòa Bắc")]
    [InlineData("Cẩm Lệ", UnitKind.Ward, "Hòa Thọ Tây|Hòa Thọ Đông|Khuê Trung")]
    [InlineData("Hòa Xuân", UnitKind.Ward, "Hòa Xuân|Hòa Phước|Hòa Châu")]
    [InlineData("Hòa Vang", UnitKind.Commune, "Hòa Phong|Hòa Phú")]
    public void PredecessorsOf_IncludesTheFormerUnitsOfTheBrief_WhenNewUnitIsInTheBriefsTable(string name, UnitKind kind, string formerNames)
    {
        var unit = Assert.Single(Units.AsOf(Shipped.ReformDay), u => u.Name == name && u.Kind != UnitKind.District);
        Assert.Equal(kind, unit.Kind);

        var former = Units.PredecessorsOf(unit.Code)
            .Select(m => Units.Find(m.OldCode, Shipped.LastOldDay)!.Name)
            .ToHashSet();
        Assert.Superset(formerNames.Split('|').ToHashSet(), former);
    }

    [Fact]
    public void PredecessorsOf_GivesExactlyTheFiveFormerWards_WhenNewUnitIsHaiChau()
    {
        var former = Units.PredecessorsOf("20242").Select(m => Units.Find(m.OldCode, Shipped.LastOldDay)!.Name).Order();

        Assert.Equal(new[] { "Hải Châu", "Phước Ninh", "Thạch Thang", "Thanh Bình", "Thuận Phước" }.Order(), former);
    }

    [Fact]
    public void Find_GivesPhuocNinh_WhenDayIsLastOldDay()
    {
        var unit = Units.Find("20242", Shipped.LastOldDay);

        Assert.NotNull(unit);
        Assert.Equal("Phước Ninh", unit.Name);
        Assert.Equal(UnitKind.Ward, unit.Kind);
        Assert.Equal("492", unit.ParentCode); // old quận Hải Châu
        Assert.Equal(Shipped.LastOldDay, unit.ValidTo);
        Assert.Null(unit.AgencyCode);
    }

    [Fact]
    public void Find_GivesHaiChau_WhenDayIsReformDay()
    {
        var unit = Units.Find("20242", Shipped.ReformDay);

        Assert.NotNull(unit);
        Assert.Equal("Hải Châu", unit.Name);
        Assert.Equal(UnitKind.Ward, unit.Kind);
        Assert.Equal("48", unit.ParentCode);
        Assert.Null(unit.ValidTo);
    }

    [Fact]
    public void Find_GivesTwoDifferentCities_WhenCodeIs48BeforeAndAfterReform()
    {
        var old = Units.Find("48", Shipped.LastOldDay);
        var current = Units.Find("48", Shipped.ReformDay);

        Assert.NotNull(old);
        Assert.NotNull(current);
        Assert.NotSame(old, current);
        Assert.Equal(Shipped.LastOldDay, old.ValidTo);
        Assert.Equal(Shipped.ReformDay, current.ValidFrom);
        Assert.Null(Units.Find("49", Shipped.ReformDay)); // Quảng Nam ended with the merger
    }

    [Fact]
    public void Find_GivesNull_WhenCodeIsUnknownOrUnitHadEnded()
    {
        Assert.Null(Units.Find("99999", Shipped.ReformDay));
        Assert.Null(Units.Find("492", Shipped.ReformDay)); // old quận Hải Châu
        Assert.Null(Units.Find("20333", Shipped.LastOldDay)); // đặc khu Hoàng Sa began on the reform day
    }

    [Fact]
    public void SuccessorsOf_GivesTwoPairsWithPartNotes_WhenOldUnitIsHoaLien()
    {
        var hoaLien = Units.Find("20296", Shipped.LastOldDay);
        Assert.Equal("Hòa Liên", hoaLien?.Name);

        var successors = Units.SuccessorsOf("20296");

        Assert.Equal(2, successors.Count);
        Assert.Equal(["Hải Vân", "Liên Chiểu"], successors.Select(m => Units.Find(m.NewCode, m.EffectiveFrom)!.Name).Order());
        Assert.All(successors, m => Assert.False(string.IsNullOrWhiteSpace(m.PartNote)));
        Assert.All(successors, m => Assert.Equal(Shipped.ReformDay, m.EffectiveFrom));
    }

    [Theory]
    [InlineData("Thanh Bình")]
    [InlineData("Thuận Phước")]
    [InlineData("Thạch Thang")]
    [InlineData("Phước Ninh")]
    [InlineData("Hải Châu")]
    public void SuccessorsOf_GivesOnlyHaiChau20242_WhenOldWardIsInHaiChausTable(string oldName)
    {
        var old = Assert.Single(Units.AsOf(Shipped.LastOldDay), u => u.Name == oldName && u.ParentCode == "492");

        var successor = Assert.Single(Units.SuccessorsOf(old.Code));

        Assert.Equal("20242", successor.NewCode);
        Assert.Null(successor.PartNote);
    }

    [Fact]
    public void SuccessorsOf_GivesAtLeastOneNewUnit_ForEveryOldWardAndCommune()
    {
        var orphans = Units.AsOf(Shipped.LastOldDay)
            .Where(u => u.Kind is UnitKind.Ward or UnitKind.Commune)
            .Where(u => Units.SuccessorsOf(u.Code).Count == 0)
            .Select(u => $"{u.Code} {u.Name}")
            .ToList();

        Assert.Empty(orphans);
    }

    [Fact]
    public void PredecessorsOf_GivesAtLeastOneOldUnit_ForEveryNewUnit()
    {
        var unexplained = Units.AsOf(Shipped.ReformDay)
            .Where(u => u.Kind != UnitKind.Province && Units.PredecessorsOf(u.Code).Count == 0)
            .Select(u => $"{u.Code} {u.Name}")
            .ToList();

        Assert.Empty(unexplained);
        Assert.Equal(282, Units.Mappings.Count);
    }

    [Fact]
    public void AgencyCode_IsIllustrativeUniqueAndHeadsAWellFormedDossierCode_ForEveryNewUnit()
    {
        var local = Units.AsOf(Shipped.ReformDay).Where(u => u.Kind != UnitKind.Province).ToList();

        Assert.All(local, u =>
        {
            Assert.NotNull(u.AgencyCode);
            Assert.True(u.CodeIllustrative);
            Assert.True(DossierCode.IsWellFormed(DossierCode.Format(u.AgencyCode, Shipped.ReformDay, 1)), u.AgencyCode);
        });
        Assert.Equal(local.Count, local.Select(u => u.AgencyCode).Distinct().Count());
        Assert.Equal("000.02.42.H48", Units.Find("20242", Shipped.ReformDay)!.AgencyCode);
    }
}
