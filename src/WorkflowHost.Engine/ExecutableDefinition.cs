using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Validation;

namespace WorkflowHost.Engine;

/// <summary>
/// A parsed, validated and compiled definition ready to run. Immutable and thread-safe: the host caches one per
/// (key, version) and shares it between requests.
/// </summary>
public sealed class ExecutableDefinition
{
    internal ExecutableDefinition(BpmnDocument document, ProcessModel process, ValidationReport report)
    {
        Document = document;
        Process = process;
        Report = report;
        Analysis = new Runtime.ProcessAnalysis(document);
    }

    /// <summary>The definition key: the id of the executable process.</summary>
    public string Key => Process.Id;
    public string? Name => Process.Name;
    /// <summary>Version the host assigned when it published this definition (0 until then).</summary>
    public int Version { get; init; }
    public BpmnDocument Document { get; }
    public ProcessModel Process { get; }
    /// <summary>Warnings (never errors: a definition with errors is not executable).</summary>
    public ValidationReport Report { get; }
    public string SourceXml => Document.SourceXml;

    internal Runtime.ProcessAnalysis Analysis { get; }

    /// <summary>Message names that start a new instance, with their start event ids.</summary>
    public IEnumerable<(string MessageName, string StartEventId)> MessageStartEvents =>
        Process.Root.Nodes.Where(n => n.Kind == NodeKind.StartEvent && n.Event?.Kind == EventKind.Message)
            .Select(n => (n.Event!.MessageName!, n.Id));

    /// <summary>Signal names that start a new instance when broadcast, with their start event ids.</summary>
    public IEnumerable<(string SignalName, string StartEventId)> SignalStartEvents =>
        Process.Root.Nodes.Where(n => n.Kind == NodeKind.StartEvent && n.Event?.Kind == EventKind.Signal)
            .Select(n => (n.Event!.SignalName!, n.Id));

    /// <summary>Timer start events (the host schedules them while the version is published).</summary>
    public IEnumerable<FlowNode> TimerStartEvents =>
        Process.Root.Nodes.Where(n => n.Kind == NodeKind.StartEvent && n.Event?.Kind == EventKind.Timer);

    /// <summary>Returns a copy carrying the version number the host assigned.</summary>
    public ExecutableDefinition WithVersion(int version) => new(Document, Process, Report) { Version = version };
}

/// <summary>Finds the definitions that call activities refer to (by process id / definition key).</summary>
public interface IDefinitionResolver
{
    /// <summary>
    /// Returns the definition with that key: the given version, or the published one when <paramref name="version"/> is null.
    /// Returns null when there is none. Must be pure enough to give the same answer for the same (key, version).
    /// </summary>
    ExecutableDefinition? Resolve(string key, int? version);
}

/// <summary>The outcome of loading a document: the executable definition, or the problems that prevent it.</summary>
public sealed record LoadResult(ExecutableDefinition? Definition, ValidationReport Report)
{
    public bool Succeeded => Definition is not null;
}
