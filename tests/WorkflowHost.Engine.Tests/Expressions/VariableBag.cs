using System.Text.Json.Nodes;
using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Tests.Expressions;

/// <summary>Process variables in a dictionary, recording every write so tests can assert on them.</summary>
internal sealed class VariableBag : IVariableAccess
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);

    public VariableBag(object? variables = null)
    {
        if (variables is null) return;
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(variables))!.AsObject();
        foreach (var (name, value) in json) _values[name] = value?.DeepClone();
    }

    public static VariableBag FromJson(string json)
    {
        var bag = new VariableBag();
        foreach (var (name, value) in JsonNode.Parse(json)!.AsObject()) bag._values[name] = value?.DeepClone();
        return bag;
    }

    public List<string> Writes { get; } = [];

    public List<string> Removals { get; } = [];

    public int Reads { get; private set; }

    public JsonNode? this[string name] => _values[name];

    public bool Contains(string name) => _values.ContainsKey(name);

    public string Json(string name) => _values[name]?.ToJsonString() ?? "null";

    public bool TryGetVariable(string name, out JsonNode? value)
    {
        Reads++;
        return _values.TryGetValue(name, out value);
    }

    public void SetVariable(string name, JsonNode? value)
    {
        Assert.Null(value?.Parent); // the evaluator hands over nodes nobody else owns
        Writes.Add(name);
        _values[name] = value;
    }

    public void RemoveVariable(string name)
    {
        Removals.Add(name);
        _values.Remove(name);
    }
}
