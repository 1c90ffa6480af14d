namespace WorkflowHost.Server.Services;

/// <summary>
/// Body of POST /api/migrations/plan and POST /api/migrations: move the running instances of
/// <paramref name="DefinitionKey"/> on <paramref name="FromVersion"/> (all of them, or only <paramref name="InstanceIds"/>) to
/// <paramref name="ToVersion"/>. <paramref name="ElementMap"/> maps old element ids to new ones; ids it does not name keep their id.
/// </summary>
public sealed record MigrationRequest(string? DefinitionKey, int? FromVersion, int? ToVersion,
    IReadOnlyDictionary<string, string>? ElementMap, IReadOnlyList<Guid>? InstanceIds);

/// <summary>Answer of the dry run: what would happen to each instance. Nothing was changed.</summary>
public sealed record MigrationPlanView(string DefinitionKey, int FromVersion, int ToVersion, IReadOnlyDictionary<string, string> ElementMap,
    int Movable, int Refused, IReadOnlyList<InstancePlanView> Instances);

/// <summary>One instance in a dry run: where its tokens and open tasks would go, or why it cannot move.</summary>
public sealed record InstancePlanView(Guid InstanceId, string? BusinessKey, bool CanMigrate, IReadOnlyList<string> Problems,
    IReadOnlyList<TokenMoveView> Tokens, IReadOnlyList<TaskMoveView> Tasks);

/// <summary>A token (or several at the same element) and the element it would stand on in the new version.</summary>
public sealed record TokenMoveView(string FromElementId, string ToElementId, int Count);

/// <summary>An open task, the element it would belong to, and what it keeps (assignee, due date).</summary>
public sealed record TaskMoveView(Guid TaskId, string? Name, string FromElementId, string ToElementId, string? Assignee, DateTimeOffset? DueAt);

/// <summary>GET /api/migrations/{id}: progress and each instance's outcome (a page of them).</summary>
public sealed record MigrationView(Guid Id, string DefinitionKey, int FromVersion, int ToVersion, IReadOnlyDictionary<string, string> ElementMap,
    string Status, int Total, int Pending, int Migrated, int Refused, int Failed, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<MigrationInstanceView> Instances);

/// <summary>One instance's outcome in a migration.</summary>
public sealed record MigrationInstanceView(Guid InstanceId, string? BusinessKey, string Outcome, string? Reason, DateTimeOffset? DoneAt);

/// <summary>A row of GET /api/migrations: a migration without its outcomes.</summary>
public sealed record MigrationSummary(Guid Id, string DefinitionKey, int FromVersion, int ToVersion, string Status, int Total, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
