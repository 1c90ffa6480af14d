using System.Text.Json.Nodes;

namespace WorkflowHost.Server.Services;

/// <summary>A definition version as the API shows it.</summary>
public sealed record DefinitionSummary(string Key, int Version, string? Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<ProblemView>? Warnings = null);

/// <summary>A validation problem as the API shows it.</summary>
public sealed record ProblemView(string? ElementId, string? ElementType, string Severity, string Message);

/// <summary>Body of POST /api/instances.</summary>
public sealed record StartInstanceRequest(string DefinitionKey, int? Version, string? BusinessKey, JsonObject? Variables);

/// <summary>Answer of POST /api/instances (and of cancel and retry): where the instance stands and the tasks it opened for the caller.</summary>
public sealed record InstanceStarted(Guid Id, string Status, IReadOnlyList<string> ActiveElementIds, IReadOnlyList<TaskView> Tasks);

/// <summary>Answer of POST /api/tasks/{id}/complete: where the instance stands and the next tasks the caller may work on.</summary>
public sealed record TaskCompletion(Guid TaskId, Guid InstanceId, string InstanceStatus, IReadOnlyList<string> ActiveElementIds, IReadOnlyList<TaskView> NextTasks);

/// <summary>GET /api/instances/{id}.</summary>
/// <param name="DossierCode">The dossier this instance runs (null outside dossiers), for the link to its page and slip.</param>
public sealed record InstanceView(Guid Id, string DefinitionKey, int Version, string? BusinessKey, string Status, JsonObject Variables,
    IReadOnlyList<string> ActiveElementIds, IReadOnlyList<IncidentView> Incidents, IReadOnlyList<HistoryView> History,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? DossierCode = null);

/// <summary>A row of GET /api/instances.</summary>
public sealed record InstanceSummary(Guid Id, string DefinitionKey, int Version, string? BusinessKey, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    string? DossierCode = null);

/// <summary>An incident as the API shows it.</summary>
/// <param name="DefinitionKey">The procedure of the instance (filled by the incident list, so an operator sees where it stopped).</param>
public sealed record IncidentView(Guid Id, Guid InstanceId, string ElementId, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt,
    string? DefinitionKey = null, int? Version = null, string? BusinessKey = null);

/// <summary>One element execution.</summary>
public sealed record HistoryView(string ElementId, string ElementType, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Cancelled);

/// <summary>A task in the inbox, with the dossier facts a clerk recognises it by.</summary>
/// <param name="ReadOnly">True when the caller may see but not work the task (a manager of its unit).</param>
public sealed record TaskView(Guid Id, Guid InstanceId, string ElementId, string? Name, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers,
    string? Assignee, DateTimeOffset? DueAt, string State, string? FormKey, DateTimeOffset CreatedAt, string? BusinessKey, string DefinitionKey,
    string? DossierCode = null, string? ApplicantName = null, string? ProcedureName = null, string? UnitCode = null, bool ReadOnly = false,
    string? AssigneeDisplayName = null);

/// <summary>Body of POST /api/tasks/{id}/complete.</summary>
public sealed record CompleteTaskRequest(JsonObject? Variables);

/// <summary>Body of POST /api/incidents/{id}/retry (optional): variables to set before retrying.</summary>
public sealed record RetryIncidentRequest(JsonObject? Variables);

/// <summary>Body of POST /api/instances/{id}/cancel.</summary>
public sealed record CancelRequest(string? Reason);

/// <summary>Body of POST /api/messages.</summary>
public sealed record MessageRequest(string Name, string? CorrelationKey, Guid? InstanceId, JsonObject? Variables);

/// <summary>Body of POST /api/signals: the signal's name and the variables every instance that hears it receives.</summary>
public sealed record SignalRequest(string Name, JsonObject? Variables);

/// <summary>Answer of POST /api/signals: the outbox row that carries the broadcast (GET /api/outbox shows how it went).</summary>
public sealed record SignalAccepted(long OutboxId);

/// <summary>A thrown message or signal and how its delivery went.</summary>
public sealed record OutboxItem(long Id, string Kind, string Name, string? CorrelationKey, Guid? ThrownByInstanceId, string Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

/// <summary>Answer of POST /api/messages.</summary>
public sealed record MessageResult(int Matched, IReadOnlyList<Guid> StartedInstanceIds);

/// <summary>Who is acting, for authorization and the audit trail.</summary>
/// <param name="Groups">Candidate groups: the account's groups and task roles.</param>
public sealed record Actor(string UserName, bool IsAdmin, IReadOnlyList<string> Groups)
{
    /// <summary>The caller's roles (<see cref="Extensions.Roles"/>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Codes of the units the person works for; their dossiers and tasks are the person's scope.</summary>
    public IReadOnlyList<string> Units { get; init; } = [];

    /// <summary>Managers read their units' queues and dossiers but work no task.</summary>
    public bool IsManager => Roles.Contains(Extensions.Roles.Manager);

    public bool IsProcessOwner => Roles.Contains(Extensions.Roles.ProcessOwner);
}

/// <summary>Body of PUT /api/definitions/{key}/owners: the user names that own the procedure from now on.</summary>
public sealed record OwnersRequest(IReadOnlyList<string>? Owners);
