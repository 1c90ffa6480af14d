using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Model;

/// <summary>
/// One flow node of a process or subprocess. A single class with kind-specific parts keeps the model a plain
/// immutable tree; behaviour lives in the runtime, one class per kind.
/// </summary>
public sealed class FlowNode : FlowElement
{
    public required NodeKind Kind { get; init; }
    /// <summary>The process or subprocess this node belongs to.</summary>
    public FlowScope Scope { get; internal set; } = null!;
    public List<SequenceFlow> Incoming { get; } = [];
    public List<SequenceFlow> Outgoing { get; } = [];
    public string? DefaultFlowId { get; init; }
    public SequenceFlow? DefaultFlow { get; internal set; }

    // Events
    public EventDefinition? Event { get; init; }
    public string? AttachedToRef { get; init; }
    public FlowNode? AttachedTo { get; internal set; }
    public bool CancelActivity { get; init; } = true;
    public List<FlowNode> BoundaryEvents { get; } = [];
    /// <summary>For a compensation boundary event: the activity (isForCompensation) its association points to.</summary>
    public FlowNode? CompensationHandler { get; internal set; }
    /// <summary>True for a start event that interrupts its event subprocess' parent.</summary>
    public bool IsInterrupting { get; init; } = true;

    // Activities
    public LoopDefinition? Loop { get; init; }
    public IReadOnlyList<VariableMapping> InputMappings { get; init; } = [];
    public IReadOnlyList<VariableMapping> OutputMappings { get; init; } = [];
    public TaskAssignment? Assignment { get; init; }
    public string? Topic { get; init; }
    public string? ScriptText { get; init; }
    public string? ScriptFormat { get; init; }
    public CompiledExpression? Script { get; init; }
    public string? ResultVariable { get; init; }
    public string? MessageName { get; init; }
    /// <summary><c>isForCompensation="true"</c>: the activity runs only as the compensation handler of another one.</summary>
    public bool IsForCompensation { get; init; }

    // Subprocesses and call activities
    /// <summary>Child scope of an embedded or event subprocess.</summary>
    public FlowScope? ChildScope { get; internal set; }
    public bool TriggeredByEvent { get; init; }
    public string? CalledElement { get; init; }
    public IReadOnlyList<VariableMapping> CallInputs { get; init; } = [];
    public IReadOnlyList<VariableMapping> CallOutputs { get; init; } = [];
    /// <summary>True when a call activity has neither <c>camunda:in</c> nor <c>camunda:out</c>: all variables are passed both ways.</summary>
    public bool PassesAllVariables => CallInputs.Count == 0 && CallOutputs.Count == 0;
}

/// <summary>A process or an embedded subprocess: a set of nodes and the flows between them.</summary>
public sealed class FlowScope
{
    public required string Id { get; init; }
    /// <summary>The subprocess node that owns this scope, null for a process.</summary>
    public FlowNode? Owner { get; internal set; }
    public List<FlowNode> Nodes { get; } = [];
    public List<SequenceFlow> Flows { get; } = [];
    public Dictionary<string, FlowNode> NodesById { get; } = new(StringComparer.Ordinal);
    /// <summary>Event subprocesses directly inside this scope.</summary>
    public List<FlowNode> EventSubProcesses { get; } = [];

    public IEnumerable<FlowNode> NoneStartEvents =>
        Nodes.Where(n => n.Kind == NodeKind.StartEvent && (n.Event is null || n.Event.Kind == EventKind.None));
}

/// <summary>A variable mapping: Camunda <c>inputParameter</c>/<c>outputParameter</c> or <c>camunda:in</c>/<c>camunda:out</c>.</summary>
/// <param name="Target">Variable written.</param>
/// <param name="Source">Variable read (for plain name mappings).</param>
/// <param name="Expression">Expression evaluated to produce the value.</param>
/// <param name="All">The <c>variables="all"</c> form.</param>
/// <param name="Local">Camunda <c>local="true"</c>.</param>
/// <param name="Literal">A constant string value (an input parameter written without <c>${...}</c>).</param>
public sealed record VariableMapping(string Target, string? Source, CompiledExpression? Expression, bool All = false, bool Local = false, string? Literal = null);

/// <summary>Who may work on a user task, and the form and due date it shows.</summary>
public sealed record TaskAssignment(
    string? CandidateGroups,
    string? CandidateUsers,
    string? Assignee,
    string? FormKey,
    string? DueDate,
    string? Priority)
{
    public CompiledExpression? CandidateGroupsExpression { get; init; }
    public CompiledExpression? CandidateUsersExpression { get; init; }
    public CompiledExpression? AssigneeExpression { get; init; }
    public CompiledExpression? DueDateExpression { get; init; }

    /// <summary><c>wh:workingDays</c>: the task is due this many working days after it opens (literal or <c>${...}</c>).</summary>
    public string? WorkingDays { get; init; }
    public CompiledExpression? WorkingDaysExpression { get; init; }

    /// <summary><c>wh:workingHours</c>: the task is due after this many hours of office time (literal or <c>${...}</c>).</summary>
    public string? WorkingHours { get; init; }
    public CompiledExpression? WorkingHoursExpression { get; init; }
}

/// <summary>Standard loop or multi-instance characteristics of an activity.</summary>
public sealed class LoopDefinition
{
    public bool IsMultiInstance { get; init; }
    public bool IsSequential { get; init; }
    // Standard loop
    public CompiledExpression? LoopCondition { get; init; }
    public bool TestBefore { get; init; }
    public int? LoopMaximum { get; init; }
    // Multi-instance
    public CompiledExpression? LoopCardinality { get; init; }
    /// <summary>Expression or variable name yielding the collection (<c>camunda:collection</c>).</summary>
    public CompiledExpression? Collection { get; init; }
    public string? ElementVariable { get; init; }
    public CompiledExpression? CompletionCondition { get; init; }
    /// <summary>Variable that collects one result per instance (<c>wh:outputCollection</c>), in item order.</summary>
    public string? OutputCollection { get; init; }
    /// <summary>Expression evaluated in each finished instance whose value goes into <see cref="OutputCollection"/>.</summary>
    public CompiledExpression? OutputElement { get; init; }
}
