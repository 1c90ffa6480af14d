using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Model;

/// <summary>A sequence flow between two nodes of the same scope.</summary>
public sealed class SequenceFlow : FlowElement
{
    public required string SourceRef { get; init; }
    public required string TargetRef { get; init; }
    public string? ConditionText { get; init; }
    public CompiledExpression? Condition { get; internal set; }
    public FlowNode Source { get; internal set; } = null!;
    public FlowNode Target { get; internal set; } = null!;
    /// <summary>Position of this flow among the target's incoming flows (joins count with it).</summary>
    public int IncomingIndex { get; internal set; }
}
