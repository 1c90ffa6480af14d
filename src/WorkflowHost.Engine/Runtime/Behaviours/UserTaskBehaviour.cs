using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// User and manual tasks wait in the inbox. Manual tasks wait too (unlike Camunda): at a one-stop centre a manual
/// step such as handing over the paper file must still be confirmed by the person who did it.
/// </summary>
internal sealed class UserTaskBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node)
    {
        var assignment = node.Assignment;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Extensions)
            if (key.StartsWith("property:", StringComparison.Ordinal)) properties[key["property:".Length..]] = value;
        var details = new TaskCreatedDetails(
            List(run, token, assignment?.CandidateGroups, assignment?.CandidateGroupsExpression, "candidate groups"),
            List(run, token, assignment?.CandidateUsers, assignment?.CandidateUsersExpression, "candidate users"),
            Text(run, token, assignment?.Assignee, assignment?.AssigneeExpression, "assignee"),
            assignment?.FormKey,
            DueAt(run, token, node, assignment),
            properties);
        run.OpenUserTask(token, node, details);
    }

    private static IReadOnlyList<string> List(ExecutionRun run, TokenState token, string? literal, Expressions.CompiledExpression? expression, string what)
    {
        if (expression is not null)
        {
            var value = run.Evaluate(expression, token, what);
            return value switch
            {
                null => [],
                JsonArray array => array.Select(v => v?.ToString() ?? "").Where(s => s.Length > 0).ToList(),
                _ => Split(value.ToString()),
            };
        }
        return literal is null ? [] : Split(literal);
    }

    private static List<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Text(ExecutionRun run, TokenState token, string? literal, Expressions.CompiledExpression? expression, string what) =>
        expression is null ? literal : run.Evaluate(expression, token, what)?.ToString();

    private static DateTimeOffset? DueAt(ExecutionRun run, TokenState token, FlowNode node, TaskAssignment? assignment)
    {
        if (Text(run, token, assignment?.WorkingDays, assignment?.WorkingDaysExpression, "working days") is { } days)
            return InWorkingTime(run, node, "wh:workingDays", days, WorkingTimeText.TryDays(days, out var n)
                ? c => c.AddWorkingDays(run.Now, n)
                : throw new ProcessFailure($"wh:workingDays of {ExecutionRun.Describe(node)} gave '{days}', which is not a whole number of working days of at least 1."));
        if (Text(run, token, assignment?.WorkingHours, assignment?.WorkingHoursExpression, "working hours") is { } hours)
            return InWorkingTime(run, node, "wh:workingHours", hours, WorkingTimeText.TryHours(hours, out var h)
                ? c => c.AddWorkingHours(run.Now, h)
                : throw new ProcessFailure($"wh:workingHours of {ExecutionRun.Describe(node)} gave '{hours}', which is not a number of working hours above 0."));
        var text = Text(run, token, assignment?.DueDate, assignment?.DueDateExpression, "due date");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TimerExpression.TryParse(TimerKind.Duration, text, run.Options.TimeZone, out var duration, out _))
            return run.Options.Calendar.Add(run.Now, ((TimerDuration)duration!).Duration);
        if (TimerExpression.TryParse(TimerKind.Date, text, run.Options.TimeZone, out var date, out _))
            return ((TimerDate)date!).At;
        throw new ProcessFailure($"The due date '{text}' of {ExecutionRun.Describe(node)} is neither an ISO 8601 date nor a duration.");
    }

    /// <summary>A working-time due date from the host's calendar; an incident, never a guessed date, when it cannot count.</summary>
    private static DateTimeOffset InWorkingTime(ExecutionRun run, FlowNode node, string notation, string value, Func<IWorkingTimeCalendar, DateTimeOffset> add)
    {
        if (run.Options.Calendar is not IWorkingTimeCalendar calendar)
            throw new ProcessFailure($"{ExecutionRun.Describe(node)} is due in working time ({notation}=\"{value}\"), but the host supplies no working-time calendar.");
        try
        {
            return add(calendar);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ProcessFailure($"The due date ({notation}=\"{value}\") of {ExecutionRun.Describe(node)} cannot be counted: {e.Message.Split(" (Parameter")[0]}");
        }
    }
}
