using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Engine.Tests.Support;

/// <summary>
/// Drives one instance through the pure engine the way a host would, saving and restoring the state through
/// JSON after every command so every test also proves that persistence does not change behaviour.
/// </summary>
public sealed class EngineHarness
{
    private readonly List<EngineEffect> _effects = [];

    private EngineHarness(BpmnEngine engine, ExecutableDefinition definition, IDefinitionResolver? resolver)
    {
        Engine = engine;
        Definition = definition;
        Resolver = resolver;
    }

    public BpmnEngine Engine { get; }
    public ExecutableDefinition Definition { get; }
    public IDefinitionResolver? Resolver { get; }
    public InstanceState? State { get; private set; }
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    public IReadOnlyList<EngineEffect> Effects => _effects;
    public IReadOnlyList<EngineEffect> LastEffects { get; private set; } = [];
    public EngineResult? LastResult { get; private set; }

    public static EngineHarness Load(string xml, EngineOptions? options = null, string? processId = null, IDefinitionResolver? resolver = null)
    {
        var engine = new BpmnEngine(options);
        var result = engine.Load(xml, processId, resolver);
        Assert.True(result.Succeeded, "The definition should load: " + string.Join("; ", result.Report.Problems.Select(p => $"{p.ElementId}: {p.Message}")));
        return new EngineHarness(engine, result.Definition!, resolver);
    }

    public static EngineHarness LoadFile(string relativePath, EngineOptions? options = null, Func<string, string>? rewrite = null, IDefinitionResolver? resolver = null)
    {
        var xml = Fixtures.Read(relativePath);
        return Load(rewrite is null ? xml : rewrite(xml), options, resolver: resolver);
    }

    public EngineResult Run(EngineCommand command)
    {
        var result = Engine.Execute(Definition, State, command, Now, Resolver);
        var json = InstanceStateSerializer.Serialize(result.State);
        State = InstanceStateSerializer.Deserialize(json);
        Assert.Equal(json, InstanceStateSerializer.Serialize(State));
        LastEffects = result.Effects;
        LastResult = result;
        _effects.AddRange(result.Effects);
        return result;
    }

    public EngineHarness Start(params (string Name, object? Value)[] variables)
    {
        Run(new StartInstance(Vars(variables)));
        return this;
    }

    public InstanceStatus Status => State!.Status;
    public bool IsCompleted => State!.Status == InstanceStatus.Completed;
    public JsonObject Variables => ToObject(State!.Scopes.Single(s => s.ParentId is null).Variables);
    public IReadOnlyList<IncidentState> OpenIncidents => State!.Incidents.Where(i => !i.Resolved).ToList();

    /// <summary>Names (or ids when unnamed) of the tasks open in the inbox, sorted.</summary>
    public IReadOnlyList<string> ReadyTasks => State!.Waits.Where(w => w.Kind == WaitKind.UserTask)
        .Select(w => NameOf(w.ElementId)).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public IReadOnlyList<WaitState> Waits(WaitKind kind) => State!.Waits.Where(w => w.Kind == kind).ToList();

    public void CompleteTask(string nameOrId, params (string Name, object? Value)[] variables)
    {
        var wait = State!.Waits.FirstOrDefault(w => w.Kind == WaitKind.UserTask && (NameOf(w.ElementId) == nameOrId || w.ElementId == nameOrId))
            ?? throw new Xunit.Sdk.XunitException($"Task '{nameOrId}' is not ready; ready: [{string.Join(", ", ReadyTasks)}]");
        Run(new CompleteUserTask(wait.Id, Vars(variables)));
    }

    public bool IsReady(string nameOrId) => State!.Waits.Any(w => w.Kind == WaitKind.UserTask && (NameOf(w.ElementId) == nameOrId || w.ElementId == nameOrId));

    public int Message(string name, params (string Name, object? Value)[] variables) =>
        Run(new CorrelateMessage(name, Vars(variables))).MatchedWaits;

    /// <summary>Moves the clock to the timer's due time and fires it.</summary>
    public void FireTimer(string elementId)
    {
        var wait = State!.Waits.FirstOrDefault(w => w.Kind == WaitKind.Timer && w.ElementId == elementId)
            ?? throw new Xunit.Sdk.XunitException($"No timer is scheduled at '{elementId}'.");
        if (wait.DueAt > Now) Now = wait.DueAt!.Value;
        Run(new FireTimer(wait.Id));
    }

    public void CompleteJob(string elementId, params (string Name, object? Value)[] variables)
    {
        var wait = State!.Waits.First(w => w.Kind == WaitKind.ServiceJob && w.ElementId == elementId);
        Run(new CompleteServiceJob(wait.Id, Vars(variables)));
    }

    public IReadOnlyList<string> Completed(string elementId) => _effects.OfType<ElementEnded>()
        .Where(e => e.ElementId == elementId && !e.Cancelled).Select(e => e.ElementId).ToList();

    public int CountEnded(string elementId, bool cancelled) => _effects.OfType<ElementEnded>().Count(e => e.ElementId == elementId && e.Cancelled == cancelled);

    public string NameOf(string elementId) =>
        FindNode(elementId) is { Name: { Length: > 0 } name } ? name : elementId;

    private FlowNode? FindNode(string elementId)
    {
        foreach (var process in Definition.Document.Processes.Values)
            if (process.AllNodes.TryGetValue(elementId, out var node)) return node;
        return null;
    }

    public static Dictionary<string, JsonNode?> Vars(params (string Name, object? Value)[] variables)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in variables) result[name] = value is null ? null : JsonSerializer.SerializeToNode(value);
        return result;
    }

    private static JsonObject ToObject(Dictionary<string, JsonNode?> variables)
    {
        var result = new JsonObject();
        foreach (var (name, value) in variables) result[name] = value?.DeepClone();
        return result;
    }
}

/// <summary>Test fixtures copied next to the test assembly.</summary>
public static class Fixtures
{
    public static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath);
    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}

/// <summary>A resolver over definitions loaded in the test.</summary>
public sealed class DictionaryResolver : IDefinitionResolver
{
    public Dictionary<string, ExecutableDefinition> Definitions { get; } = new(StringComparer.Ordinal);
    public ExecutableDefinition? Resolve(string key, int? version) => Definitions.GetValueOrDefault(key);
    public DictionaryResolver Add(BpmnEngine engine, string xml)
    {
        var result = engine.Load(xml, resolver: this);
        Assert.True(result.Succeeded, string.Join("; ", result.Report.Problems.Select(p => p.Message)));
        Definitions[result.Definition!.Key] = result.Definition;
        return this;
    }
}
