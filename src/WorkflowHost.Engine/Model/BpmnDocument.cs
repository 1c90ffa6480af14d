namespace WorkflowHost.Engine.Model;

/// <summary>An immutable, parsed BPMN 2.0 document: its processes and the root elements events refer to.</summary>
public sealed class BpmnDocument
{
    /// <summary>The XML exactly as received (diagram interchange included) so the designer renders what was published.</summary>
    public required string SourceXml { get; init; }
    public string? DefinitionsId { get; init; }
    public Dictionary<string, ProcessModel> Processes { get; } = new(StringComparer.Ordinal);
    /// <summary>Process ids in document order.</summary>
    public List<string> ProcessOrder { get; } = [];
    public Dictionary<string, string> MessageNames { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string? Name, string? Code)> Errors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> SignalNames { get; } = new(StringComparer.Ordinal);
    /// <summary><c>escalation</c> root elements by id: their name and <c>escalationCode</c>.</summary>
    public Dictionary<string, (string? Name, string? Code)> Escalations { get; } = new(StringComparer.Ordinal);
    /// <summary>BPMN elements met during parsing that the engine does not model (kept for validation reports).</summary>
    public List<(string? Id, string ElementType, string Where)> UnsupportedElements { get; } = [];
    /// <summary>Element ids referenced but not defined (dangling references), with the referring element.</summary>
    public List<(string ElementId, string ElementType, string Message)> ParseProblems { get; } = [];
}

/// <summary>One <c>process</c> element.</summary>
public sealed class ProcessModel
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool IsExecutable { get; init; }
    public required FlowScope Root { get; init; }
    /// <summary>Every node of the process, subprocess contents included, by id.</summary>
    public Dictionary<string, FlowNode> AllNodes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SequenceFlow> AllFlows { get; } = new(StringComparer.Ordinal);
}
