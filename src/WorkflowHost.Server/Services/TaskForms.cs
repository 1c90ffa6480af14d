using System.Collections.Concurrent;
using WorkflowHost.Engine;
using WorkflowHost.Procedures.Forms;

namespace WorkflowHost.Server.Services;

/// <summary>The declared forms of each definition version's user tasks, read once per version.</summary>
public sealed class TaskForms
{
    private readonly ConcurrentDictionary<(string Key, int Version), IReadOnlyDictionary<string, TaskForm>> _byVersion = new();

    public TaskForm? For(ExecutableDefinition definition, string elementId) =>
        _byVersion.GetOrAdd((definition.Key, definition.Version), _ => TaskFormReader.Read(definition.SourceXml)).GetValueOrDefault(elementId);
}
