using System.Xml.Linq;
using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Parsing;

/// <summary>Reads a <c>timerEventDefinition</c>: literal ISO 8601 text is parsed now, <c>${...}</c> is compiled for run time.</summary>
internal static class TimerReader
{
    public static EventDefinition Read(XElement definition, string id, string elementType, BpmnDocument document, TimeZoneInfo zone)
    {
        var ns = BpmnNamespaces.Model;
        (TimerKind Kind, XElement? Element)[] candidates =
        [
            (TimerKind.Date, definition.Element(ns + "timeDate")),
            (TimerKind.Duration, definition.Element(ns + "timeDuration")),
            (TimerKind.Cycle, definition.Element(ns + "timeCycle")),
        ];
        var present = candidates.Where(c => c.Element is not null).ToList();
        if (ReadWorkingTime(definition, id, elementType, document, present.Count) is { } working) return working;
        if (present.Count != 1)
        {
            document.ParseProblems.Add((id, elementType, present.Count == 0
                ? $"Timer {elementType} '{id}' has no timeDate, timeDuration or timeCycle."
                : $"Timer {elementType} '{id}' has more than one of timeDate, timeDuration and timeCycle."));
            return new EventDefinition { Kind = EventKind.Timer };
        }
        var (kind, element) = present[0];
        var text = element!.Value.Trim();
        if (ExpressionReader.IsExpression(text))
        {
            return new EventDefinition
            {
                Kind = EventKind.Timer, TimerKind = kind, TimerText = text,
                TimerExpression = ExpressionReader.Compile(text, ExpressionKind.Expression, id, elementType, document),
            };
        }
        if (!TimerExpression.TryParse(kind, text, zone, out var timer, out var error))
            document.ParseProblems.Add((id, elementType, $"The timer of {elementType} '{id}' does not parse: {error}"));
        return new EventDefinition { Kind = EventKind.Timer, TimerKind = kind, TimerText = text, Timer = timer };
    }

    /// <summary>
    /// <c>wh:workingDays="N"</c> or <c>wh:workingHours="H"</c> on the definition, in place of an ISO 8601 element: a
    /// literal only (an expression would need the calendar at parse time to be checked). Null when neither is given.
    /// </summary>
    private static EventDefinition? ReadWorkingTime(XElement definition, string id, string elementType, BpmnDocument document, int isoElements)
    {
        var wh = BpmnNamespaces.WorkflowHost;
        var days = (string?)definition.Attribute(wh + "workingDays");
        var hours = (string?)definition.Attribute(wh + "workingHours");
        if (days is null && hours is null) return null;
        var text = days is not null ? $"wh:workingDays={days}" : $"wh:workingHours={hours}";
        var empty = new EventDefinition { Kind = EventKind.Timer, TimerText = text };
        if (days is not null && hours is not null)
            document.ParseProblems.Add((id, elementType, $"The timer of {elementType} '{id}' gives both wh:workingDays and wh:workingHours; keep one."));
        else if (isoElements > 0)
            document.ParseProblems.Add((id, elementType, $"The timer of {elementType} '{id}' gives a working-time attribute and a timeDate, timeDuration or timeCycle; keep one."));
        else if (days is not null)
            return WorkingTimeText.TryDays(days, out var n)
                ? new EventDefinition { Kind = EventKind.Timer, TimerText = text, TimerKind = TimerKind.Duration, Timer = new TimerWorkingTime(n, null) }
                : Problem($"wh:workingDays '{days}' of the timer of {elementType} '{id}' is not a whole number of working days of at least 1 (e.g. 1).");
        else
            return WorkingTimeText.TryHours(hours!, out var h)
                ? new EventDefinition { Kind = EventKind.Timer, TimerText = text, TimerKind = TimerKind.Duration, Timer = new TimerWorkingTime(null, h) }
                : Problem($"wh:workingHours '{hours}' of the timer of {elementType} '{id}' is not a number of hours above 0 (e.g. 4 or 1.5).");
        return empty;

        EventDefinition Problem(string message)
        {
            document.ParseProblems.Add((id, elementType, message));
            return empty;
        }
    }
}
