using System.Text.Json.Nodes;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Something that happens to a process instance from outside: the only way its state changes.
/// Commands are plain data so the host can log, queue and replay them.
/// </summary>
public abstract record EngineCommand;

/// <summary>Starts a new instance at a none start event, or at <paramref name="StartEventId"/> (message/timer start).</summary>
public sealed record StartInstance(
    IReadOnlyDictionary<string, JsonNode?>? Variables = null,
    string? BusinessKey = null,
    string? StartEventId = null) : EngineCommand;

/// <summary>Completes a waiting user, manual or receive-style task; variables are merged into the instance.</summary>
public sealed record CompleteUserTask(long TaskId, IReadOnlyDictionary<string, JsonNode?>? Variables = null) : EngineCommand;

/// <summary>Fires a timer that the engine scheduled earlier. Firing an unknown or already fired timer is a no-op.</summary>
public sealed record FireTimer(long TimerId) : EngineCommand;

/// <summary>Delivers a message to this instance; matched against every open message wait of that name.</summary>
public sealed record CorrelateMessage(string MessageName, IReadOnlyDictionary<string, JsonNode?>? Variables = null) : EngineCommand;

/// <summary>Reports that the handler of a requested service job finished.</summary>
public sealed record CompleteServiceJob(long JobId, IReadOnlyDictionary<string, JsonNode?>? Variables = null) : EngineCommand;

/// <summary>
/// Reports that a service job failed. With <paramref name="BpmnErrorCode"/> the failure is a BPMN error that
/// error boundary events may catch; without it the job becomes an incident the host may retry.
/// </summary>
public sealed record FailServiceJob(long JobId, string Message, string? BpmnErrorCode = null) : EngineCommand;

/// <summary>Cancels the instance: every wait is withdrawn and the instance ends as terminated.</summary>
public sealed record CancelInstance(string? Reason = null) : EngineCommand;

/// <summary>
/// Retries the element an incident stopped at (re-evaluating it from its start). <paramref name="Variables"/> are set
/// first, in the stopped token's scope, so an operator can supply the value a condition or script was missing.
/// </summary>
public sealed record RetryIncident(long IncidentId, IReadOnlyDictionary<string, JsonNode?>? Variables = null) : EngineCommand;

/// <summary>
/// Moves a running instance to another version of its definition. The definition passed to
/// <see cref="BpmnEngine.Execute"/> is the target; <paramref name="ElementMap"/> maps old element ids to new ones
/// (ids missing from the map are kept as they are). Any active element that does not exist in the target fails
/// the command with a <see cref="MigrationException"/> and nothing changes.
/// </summary>
public sealed record MigrateInstance(IReadOnlyDictionary<string, string> ElementMap) : EngineCommand;

/// <summary>
/// Delivers a broadcast signal to this instance: every open signal wait of that name fires (intermediate catch,
/// boundary and event-subprocess start events). An instance with no such wait is left unchanged.
/// </summary>
public sealed record DeliverSignal(string SignalName, IReadOnlyDictionary<string, JsonNode?>? Variables = null) : EngineCommand;
