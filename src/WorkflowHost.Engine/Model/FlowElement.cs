namespace WorkflowHost.Engine.Model;

/// <summary>Common part of every element the engine keeps: its id, name and the XML element type it came from.</summary>
public abstract class FlowElement
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>XML local name (e.g. <c>userTask</c>), used verbatim in messages to process owners.</summary>
    public required string ElementType { get; init; }
    /// <summary>Attributes in the Camunda and WorkflowHost namespaces, by local name.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = EmptyExtensions;

    internal static readonly IReadOnlyDictionary<string, string> EmptyExtensions = new Dictionary<string, string>();

    public override string ToString() => $"{ElementType} '{Id}'";
}
