using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Timers;
using WorkflowHost.Procedures.Catalogue;

namespace WorkflowHost.Procedures.Budgets;

/// <summary>
/// The longest path of a process measured in step budgets (<c>wh:stepBudget</c>), against the statutory time limit of
/// the procedure that runs on it.
/// </summary>
/// <param name="Hours">Sum of the budgets along <paramref name="Path"/>, in working hours.</param>
/// <param name="LimitHours">The statutory limit in working hours; null when no procedure of the catalogue runs on the process.</param>
/// <param name="Path">Ids of the budgeted steps on the longest path, in order.</param>
public sealed record BudgetReport(decimal Hours, decimal? LimitHours, string? ProcedureCode, IReadOnlyList<string> Path)
{
    public bool Fits => LimitHours is not { } limit || Hours <= limit;
}

/// <summary>
/// Sums <c>wh:stepBudget</c> along the longest path of a process so a process owner sees, before publishing, whether
/// the steps can fit the procedure's statutory limit.
/// </summary>
/// <remarks>
/// Counting: a budget day is one working day of <see cref="HoursPerDay"/> office hours, a week five of them; hours and
/// minutes count as they are. A same-day procedure has one working day. A loop (a flow back to an element already on
/// the path) is taken once: the limit holds for the dossier that goes through without being sent back. Paths that
/// start at boundary events (reminders, escalations) run beside the task and are not counted. An embedded subprocess
/// counts as its own longest path.
/// </remarks>
public static class BudgetCheck
{
    public const decimal HoursPerDay = 8;

    public static BudgetReport Measure(ProcessModel process, Procedure? procedure)
    {
        var (hours, path) = Longest(process.Root);
        return new BudgetReport(hours, procedure is null ? null : LimitHours(procedure.TimeLimit), procedure?.Code, path);
    }

    /// <summary>The procedure of the catalogue whose dossiers run on <paramref name="processKey"/>: the version in force on
    /// <paramref name="day"/>, else the latest one.</summary>
    public static Procedure? ProcedureFor(ProcedureCatalogue catalogue, string processKey, DateOnly day)
    {
        var candidates = catalogue.All.Where(p => p.ProcessKey == processKey).ToList();
        return candidates.FirstOrDefault(p => p.IsInForceOn(day)) ?? candidates.LastOrDefault();
    }

    public static decimal LimitHours(TimeLimit limit) => limit.Kind switch
    {
        TimeLimitKind.SameDay => HoursPerDay,
        TimeLimitKind.WorkingDays => limit.Value * HoursPerDay,
        _ => limit.Value,
    };

    /// <summary>A budget in working hours; null when the attribute is missing or not an ISO 8601 duration.</summary>
    public static decimal? Hours(string? budget)
    {
        if (string.IsNullOrWhiteSpace(budget) || !IsoDuration.TryParse(budget.Trim(), out var d, out _)) return null;
        return (d.Years * 250m + d.Months * 21m + d.Weeks * 5m + d.Days) * HoursPerDay + d.Hours + d.Minutes / 60m + d.Seconds / 3600m;
    }

    private static (decimal Hours, IReadOnlyList<string> Path) Longest(FlowScope scope)
    {
        var backEdges = BackEdges(scope);
        var memo = new Dictionary<FlowNode, (decimal Hours, List<string> Path)>();
        (decimal, List<string>) From(FlowNode node)
        {
            if (memo.TryGetValue(node, out var known)) return known;
            var own = node.ChildScope is { } child && node.Kind == NodeKind.SubProcess ? Longest(child) : (Hours(Budget(node)) ?? 0m, Budget(node) is null ? [] : [node.Id]);
            var best = (Hours: 0m, Path: new List<string>());
            foreach (var flow in node.Outgoing)
            {
                if (backEdges.Contains(flow)) continue;
                var next = From(flow.Target);
                if (next.Item1 > best.Hours) best = (next.Item1, next.Item2);
            }
            var result = (own.Item1 + best.Hours, own.Item2.Concat(best.Path).ToList());
            memo[node] = result;
            return result;
        }
        var longest = (Hours: 0m, Path: (IReadOnlyList<string>)[]);
        foreach (var start in Starts(scope))
        {
            var (h, p) = From(start);
            if (h > longest.Hours || longest.Path.Count == 0 && p.Count > 0) longest = (h, p);
        }
        return longest;
    }

    private static string? Budget(FlowNode node) => node.Extensions.GetValueOrDefault("stepBudget");

    private static IEnumerable<FlowNode> Starts(FlowScope scope) =>
        scope.Nodes.Where(n => n.Kind == NodeKind.StartEvent || n.Incoming.Count == 0 && n.Kind != NodeKind.BoundaryEvent);

    /// <summary>Flows that close a loop, found by a depth-first walk from the starts; without them the graph is acyclic.</summary>
    private static HashSet<SequenceFlow> BackEdges(FlowScope scope)
    {
        var back = new HashSet<SequenceFlow>();
        var onPath = new HashSet<FlowNode>();
        var done = new HashSet<FlowNode>();
        void Visit(FlowNode node)
        {
            onPath.Add(node);
            foreach (var flow in node.Outgoing)
            {
                if (onPath.Contains(flow.Target)) back.Add(flow);
                else if (!done.Contains(flow.Target)) Visit(flow.Target);
            }
            onPath.Remove(node);
            done.Add(node);
        }
        foreach (var start in Starts(scope)) if (!done.Contains(start)) Visit(start);
        return back;
    }
}
