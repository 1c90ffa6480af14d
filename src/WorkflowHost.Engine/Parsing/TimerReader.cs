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
}
