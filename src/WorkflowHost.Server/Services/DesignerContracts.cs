namespace WorkflowHost.Server.Services;

/// <summary>What the server's validation says about a model being edited, without deploying it.</summary>
/// <param name="Problems">Errors block publishing; warnings do not. Each names the BPMN element when there is one.</param>
/// <param name="Budget">The longest path's step budgets against the statutory limit; null while the model does not load.</param>
public sealed record ValidationView(string? Key, IReadOnlyList<ProblemView> Problems, BudgetView? Budget)
{
    public bool CanPublish => Problems.All(p => p.Severity != "error");
}

/// <summary>Budgets in working hours (a day is 8); <c>LimitHours</c> is null when no procedure of the catalogue runs on the key.</summary>
public sealed record BudgetView(decimal Hours, decimal? LimitHours, string? ProcedureCode, IReadOnlyList<string> Path, bool Fits);

/// <summary>A process owner's saved work in progress on a key.</summary>
public sealed record DraftView(string Key, string Xml, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record DraftSummary(string Key, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The BPMN to publish as the key's next version and why it changed (required, kept with the version).</summary>
public sealed record PublishDraftRequest(string? Xml, string? ChangeNote);

/// <summary>One version in a key's history: who published what and when.</summary>
public sealed record VersionHistoryEntry(int Version, string? Name, string Status, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? PublishedAt, string? PublishedBy, string? ChangeNote);
