using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowHost.Engine.Runtime;

/// <summary>Lifecycle of a process instance as the host reports it.</summary>
public enum InstanceStatus { Active, Completed, Terminated }

/// <summary>
/// The whole persisted state of one process instance: tokens, variable scopes, open waits and incidents.
/// Plain data: the engine never keeps references to it between calls, and
/// <see cref="InstanceStateSerializer"/> round-trips it through JSON without changing behaviour.
/// </summary>
public sealed class InstanceState
{
    public int SchemaVersion { get; set; } = 1;
    public string ProcessId { get; set; } = "";
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    /// <summary>Source of every id inside this instance (tokens, tasks, timers, ...).</summary>
    public long NextId { get; set; } = 1;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<ScopeState> Scopes { get; set; } = [];
    public List<TokenState> Tokens { get; set; } = [];
    public List<WaitState> Waits { get; set; } = [];
    public List<IncidentState> Incidents { get; set; } = [];

    [JsonIgnore]
    public bool HasOpenIncident => Incidents.Exists(i => !i.Resolved);

    /// <summary>
    /// Length of the JSON this state was read from (<see cref="InstanceStateSerializer.Deserialize"/>; null for a state
    /// built in memory). The JSON is ASCII (non-ASCII escaped), so this bounds the variables' UTF-8 size from above and
    /// spares the variables cap measuring an instance that is far below it.
    /// </summary>
    [JsonIgnore]
    public long? StoredLength { get; set; }

    internal long NewId() => NextId++;
}

/// <summary>What kind of container a variable scope belongs to.</summary>
public enum ScopeKind { Process, SubProcess, CalledProcess, MultiInstanceBody, MultiInstanceItem, Activity, EventSubProcess }

/// <summary>A variable scope and the container of the tokens inside it.</summary>
public sealed class ScopeState
{
    public long Id { get; set; }
    public long? ParentId { get; set; }
    /// <summary>The token in the parent scope that waits for this scope to finish (null for the root).</summary>
    public long? OwnerTokenId { get; set; }
    public ScopeKind Kind { get; set; }
    /// <summary>The process (root or called) whose flow elements run inside this scope.</summary>
    public string ProcessId { get; set; } = "";
    /// <summary>The element (subprocess, call activity, multi-instance activity) that opened the scope.</summary>
    public string? ElementId { get; set; }
    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);
    /// <summary>For a process called from another deployment: its definition key and version (null when it is in the same document).</summary>
    public string? CalledDefinitionKey { get; set; }
    public int? CalledDefinitionVersion { get; set; }
    /// <summary>For a called process that receives all variables: the names passed in, so deletions flow back out.</summary>
    public List<string>? PassedInNames { get; set; }
    /// <summary>Multi-instance bookkeeping (only for <see cref="ScopeKind.MultiInstanceBody"/>).</summary>
    public MultiInstanceState? MultiInstance { get; set; }
}

/// <summary>Counters of a multi-instance body, named as in the BPMN spec.</summary>
public sealed class MultiInstanceState
{
    public int NrOfInstances { get; set; }
    public int NrOfCompletedInstances { get; set; }
    public int NrOfActiveInstances { get; set; }
    /// <summary>Index of the next item a sequential body starts.</summary>
    public int NextIndex { get; set; }
    public JsonArray? Collection { get; set; }
    /// <summary>One output element per instance, in item order (for <c>wh:outputCollection</c>).</summary>
    public JsonArray? Results { get; set; }
}

/// <summary>Where a token is in its life at an element.</summary>
public enum TokenPhase
{
    /// <summary>Inside an activity or catch event, waiting for a command.</summary>
    Waiting,
    /// <summary>Arrived at a joining gateway, waiting for other tokens.</summary>
    Joining,
    /// <summary>At a subprocess, call activity or multi-instance body whose child scope is running.</summary>
    InScope,
    /// <summary>Stopped by an incident; a retry re-enters the element.</summary>
    Failed,
}

/// <summary>A token: one thread of control positioned at a flow node.</summary>
public sealed class TokenState
{
    public long Id { get; set; }
    public long ScopeId { get; set; }
    public string ElementId { get; set; } = "";
    public TokenPhase Phase { get; set; }
    /// <summary>The sequence flow the token arrived by (joins need it).</summary>
    public string? ArrivedVia { get; set; }
    /// <summary>Identifies this execution of the element in history effects.</summary>
    public long ElementInstanceId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    /// <summary>Iterations done by a standard loop.</summary>
    public int LoopCounter { get; set; }
    /// <summary>The activity's own variable scope (input mappings), if it has one.</summary>
    public long? LocalScopeId { get; set; }
}

/// <summary>Kinds of things a token can wait for.</summary>
public enum WaitKind { UserTask, Timer, Message, ServiceJob, Signal, Conditional }

/// <summary>An open wait: a task in the inbox, a scheduled timer, a message subscription or a requested job.</summary>
public sealed class WaitState
{
    public long Id { get; set; }
    public WaitKind Kind { get; set; }
    /// <summary>The token that owns the wait (for boundary events: the token of the activity they are attached to).</summary>
    public long TokenId { get; set; }
    /// <summary>The element that reacts when the wait is satisfied (task, catch event, boundary event, start event).</summary>
    public string ElementId { get; set; } = "";
    public string? MessageName { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>For timer cycles: the ISO 8601 cycle and how many repetitions are left (-1 = unbounded).</summary>
    public string? Cycle { get; set; }
    public int RemainingRepetitions { get; set; }
    public string? Topic { get; set; }
}

/// <summary>A failure that stopped a token; the instance waits for an operator.</summary>
public sealed class IncidentState
{
    public long Id { get; set; }
    public long TokenId { get; set; }
    public string ElementId { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public bool Resolved { get; set; }
    /// <summary>For a failed service job: the job to request again on retry.</summary>
    public long? JobId { get; set; }
    /// <summary>True when the element had finished its work and failed while leaving (output mapping, outgoing conditions).</summary>
    public bool OnLeave { get; set; }
}
