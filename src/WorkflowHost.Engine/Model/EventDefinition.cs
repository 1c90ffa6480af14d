using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Model;

/// <summary>The trigger or result of an event element, resolved against the document's root elements.</summary>
public sealed class EventDefinition
{
    public EventKind Kind { get; init; }
    /// <summary>Message name (from <c>messageRef</c>, falling back to the event's own name when it has no reference).</summary>
    public string? MessageName { get; init; }
    /// <summary>Error code a thrown error carries, or the code a catching event matches (null catches every error).</summary>
    public string? ErrorCode { get; init; }
    public string? ErrorRef { get; init; }
    public string? SignalName { get; init; }
    public string? LinkName { get; init; }
    public TimerKind? TimerKind { get; init; }
    /// <summary>The timer text as written (literal ISO 8601 or an expression).</summary>
    public string? TimerText { get; init; }
    /// <summary>Pre-parsed timer when the text is a literal.</summary>
    public TimerDefinition? Timer { get; init; }
    /// <summary>Compiled timer expression when the text is <c>${...}</c> or refers to variables.</summary>
    public CompiledExpression? TimerExpression { get; init; }
    /// <summary>Condition of a conditional event.</summary>
    public CompiledExpression? Condition { get; init; }
    public string? ConditionText { get; init; }
}
