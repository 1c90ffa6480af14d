using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowHost.Engine.Runtime;

/// <summary>JSON form of <see cref="InstanceState"/>; what the host stores in the instance row.</summary>
public static class InstanceStateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Variables may nest as deep as expressions allow (JsonJs.MaxDepth, 64) inside the state's own few levels;
        // the default 64 would store such a state and then refuse to read it back, wedging the instance.
        MaxDepth = 128,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Reads state written by <see cref="Serialize"/>; throws <see cref="JsonException"/> for anything else.</summary>
    public static InstanceState Deserialize(string json)
    {
        var state = JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new JsonException("The instance state is empty.");
        state.StoredLength = json.Length;
        foreach (var scope in state.Scopes)
            if (scope.Variables.Comparer != StringComparer.Ordinal)
                scope.Variables = new Dictionary<string, JsonNode?>(scope.Variables, StringComparer.Ordinal);
        return state;
    }

    /// <summary>A deep copy, so the engine can advance state without touching the caller's object.</summary>
    public static InstanceState Clone(InstanceState s) => new()
    {
        SchemaVersion = s.SchemaVersion,
        ProcessId = s.ProcessId,
        BusinessKey = s.BusinessKey,
        Status = s.Status,
        NextId = s.NextId,
        StartedAt = s.StartedAt,
        EndedAt = s.EndedAt,
        StoredLength = s.StoredLength,
        Scopes = s.Scopes.ConvertAll(Clone),
        Tokens = s.Tokens.ConvertAll(t => new TokenState
        {
            Id = t.Id, ScopeId = t.ScopeId, ElementId = t.ElementId, Phase = t.Phase, ArrivedVia = t.ArrivedVia,
            ElementInstanceId = t.ElementInstanceId, EnteredAt = t.EnteredAt, LoopCounter = t.LoopCounter, LocalScopeId = t.LocalScopeId,
        }),
        Waits = s.Waits.ConvertAll(w => new WaitState
        {
            Id = w.Id, Kind = w.Kind, TokenId = w.TokenId, ElementId = w.ElementId, MessageName = w.MessageName, DueAt = w.DueAt,
            Cycle = w.Cycle, RemainingRepetitions = w.RemainingRepetitions, Topic = w.Topic,
        }),
        Incidents = s.Incidents.ConvertAll(i => new IncidentState
        {
            Id = i.Id, TokenId = i.TokenId, ElementId = i.ElementId, Message = i.Message, RaisedAt = i.RaisedAt, Resolved = i.Resolved,
            JobId = i.JobId, OnLeave = i.OnLeave,
        }),
    };

    private static ScopeState Clone(ScopeState s)
    {
        var variables = new Dictionary<string, JsonNode?>(s.Variables.Count, StringComparer.Ordinal);
        foreach (var (name, value) in s.Variables) variables[name] = value?.DeepClone();
        return new ScopeState
        {
            Id = s.Id, ParentId = s.ParentId, OwnerTokenId = s.OwnerTokenId, Kind = s.Kind, ProcessId = s.ProcessId, ElementId = s.ElementId,
            Variables = variables, CalledDefinitionKey = s.CalledDefinitionKey, CalledDefinitionVersion = s.CalledDefinitionVersion,
            PassedInNames = s.PassedInNames is null ? null : [.. s.PassedInNames],
            MultiInstance = s.MultiInstance is not { } m ? null : new MultiInstanceState
            {
                NrOfInstances = m.NrOfInstances, NrOfCompletedInstances = m.NrOfCompletedInstances, NrOfActiveInstances = m.NrOfActiveInstances,
                NextIndex = m.NextIndex, Collection = (JsonArray?)m.Collection?.DeepClone(), Results = (JsonArray?)m.Results?.DeepClone(),
            },
        };
    }
}
