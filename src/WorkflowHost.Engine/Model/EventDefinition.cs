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
    /// <summary>Escalation code a thrown escalation carries, or the code a catching event matches (null catches every escalation).</summary>
    public string? EscalationCode { get; init; }
    /// <summary>For a compensation throw: the activity to compensate (null compensates every completed activity of the scope).</summary>
    public string? ActivityRef { get; init; }
    /// <summary>For a compensation throw: whether the thrower waits until the handlers finished (the spec's default).</summary>
    public bool WaitForCompletion { get; init; } = true;
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
