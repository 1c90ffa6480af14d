using CsCheck;
using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Tests.Support;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Procedures.Tests.Properties;

/// <summary>
/// Invariants of the shipped data on any day, not only the reform's two days: a clerk picking a date anywhere
/// between 1999 and 2035 must see a whole, unambiguous tree of units and at most one version of each procedure.
/// </summary>
public sealed class TimelineProperties
{
    private static readonly Gen<DateOnly> Day =
        Gen.Int[new DateOnly(1999, 1, 1).DayNumber, new DateOnly(2035, 12, 31).DayNumber]
            .Select(DateOnly.FromDayNumber);

    // The reform's edges are where a bug would hide; draw them often.
    private static readonly DateOnly[] Edges = [new(1999, 12, 31), new(2000, 1, 1), Shipped.LastOldDay, Shipped.ReformDay];

    private static readonly Gen<DateOnly> Days = Gen.Frequency(
        (3, Day),
        (1, Gen.Int[0, Edges.Length - 1].Select(i => Edges[i])));

    [Fact]
    public void AsOf_GivesAWholeUnambiguousTree_OnAnyDay()
    {
        var units = Shipped.Units;
        Days.Sample(day =>
        {
            var valid = units.AsOf(day);
            Assert.Equal(valid.Count, valid.Select(u => u.Code).Distinct().Count());
            foreach (var unit in valid)
            {
                Assert.Same(unit, units.Find(unit.Code, day));
                if (unit.ParentCode is null) continue;
                var parent = units.Find(unit.ParentCode, day);
                Assert.True(parent is not null, $"{unit.Code} {unit.Name} has no parent {unit.ParentCode} on {day:yyyy-MM-dd}");
                Assert.True(parent.Kind < unit.Kind && parent.Kind <= UnitKind.District, $"{unit.Code} is a {unit.Kind} under a {parent.Kind}");
            }
            // Before 2025-07-01 the old units, from then the new ones: never both, never neither (from 2000 on).
            if (day >= new DateOnly(2000, 1, 1)) Assert.NotEmpty(valid);
            Assert.False(valid.Any(u => u.Kind == UnitKind.District) && valid.Any(u => u.Kind == UnitKind.SpecialZone));
        }, iter: 300);
    }

    [Fact]
    public void InForce_AgreesWithInForceOnAndSearch_OnAnyDay()
    {
        var catalogue = Shipped.Catalogue;
        Days.Sample(day =>
        {
            var inForce = catalogue.InForceOn(day);
            Assert.Equal(inForce.Count, inForce.Select(p => p.Code).Distinct().Count());
            foreach (var procedure in catalogue.All)
            {
                Assert.Equal(procedure.IsInForceOn(day), ReferenceEquals(catalogue.InForce(procedure.Code, day), procedure));
                // Whatever is in force is found by its own name, typed without marks in upper case.
                if (procedure.IsInForceOn(day))
                    Assert.Contains(procedure, catalogue.Search(SearchText.Fold(procedure.Name).ToUpperInvariant(), day));
            }
        }, iter: 300);
    }
}
