using System.Collections.Concurrent;
using WorkflowHost.Engine;
using WorkflowHost.Procedures.Forms;

namespace WorkflowHost.Server.Services;

/// <summary>The declared forms and embedded form-js schemas of each definition version's user tasks, read once per version.</summary>
public sealed class TaskForms
{
    private readonly ConcurrentDictionary<(string Key, int Version), IReadOnlyDictionary<string, TaskForm>> _byVersion = new();
    private readonly ConcurrentDictionary<(string Key, int Version), IReadOnlyDictionary<string, string>> _schemas = new();

    /// <summary>The form-js schema the designer embedded in the task (<c>wh:formSchema</c>), or null.</summary>
    public string? EmbeddedSchema(ExecutableDefinition definition, string elementId) =>
        _schemas.GetOrAdd((definition.Key, definition.Version), _ => EmbeddedFormReader.Read(definition.SourceXml)).GetValueOrDefault(elementId);

    public TaskForm? For(ExecutableDefinition definition, string elementId) =>
        _byVersion.GetOrAdd((definition.Key, definition.Version), _ => TaskFormReader.Read(definition.SourceXml)).GetValueOrDefault(elementId);
}
