using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Procedures.Budgets;
using WorkflowHost.Procedures.Dossiers;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// What the designer needs beyond deploying: validation without deploying, drafts that may still be invalid, publishing
/// a draft with a change note, and the history of a key's versions.
/// </summary>
public sealed class DesignerService(WorkflowDbContext db, BpmnEngine engine, DefinitionCatalog catalog, DefinitionService definitions,
    ProcedureOwners owners, OneStopData data, TimeProvider clock)
{
    /// <summary>Longest change note kept (the column's size).</summary>
    public const int MaxChangeNote = 2000;

    /// <summary>
    /// The same checks a deployment makes (engine validation, dossier conventions), plus the budget check as a warning.
    /// Never stores anything.
    /// </summary>
    public ValidationView Validate(string xml)
    {
        RequireXml(xml, "body");
        var result = engine.Load(xml, resolver: catalog);
        var problems = result.Report.Problems
            .Select(p => new ProblemView(p.ElementId, p.ElementType, p.Severity == Engine.Validation.ProblemSeverity.Error ? "error" : "warning", p.Message))
            .ToList();
        if (result.Definition is not { } definition) return new ValidationView(null, problems, null);
        problems.AddRange(ProcessConventions.Check(definition).Select(p => new ProblemView(p.ElementId, p.ElementType, "error", p.Message)));
        var procedure = BudgetCheck.ProcedureFor(data.Procedures, definition.Key, data.DayOf(clock.GetUtcNow()));
        var budget = BudgetCheck.Measure(definition.Process, procedure);
        if (!budget.Fits)
            problems.Add(new ProblemView(definition.Key, "process", "warning",
                $"The longest path's step budgets (wh:stepBudget) add up to {Hours(budget.Hours)} working hours ({string.Join(" → ", budget.Path)}), " +
                $"more than the {Hours(budget.LimitHours!.Value)} of procedure {budget.ProcedureCode}'s statutory time limit."));
        return new ValidationView(definition.Key, problems,
            new BudgetView(budget.Hours, budget.LimitHours, budget.ProcedureCode, budget.Path, budget.Fits));
    }

    private static string Hours(decimal hours) => hours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<DraftSummary>> DraftsAsync(CancellationToken ct) =>
        await db.DefinitionDrafts.AsNoTracking().OrderBy(d => d.Key).Select(d => new DraftSummary(d.Key, d.UpdatedAt, d.UpdatedBy)).ToListAsync(ct);

    public async Task<DraftView> DraftAsync(string key, CancellationToken ct) =>
        await db.DefinitionDrafts.AsNoTracking().Where(d => d.Key == key).Select(d => new DraftView(d.Key, d.Xml, d.UpdatedAt, d.UpdatedBy)).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException($"No draft is saved for '{key}'.");

    /// <summary>
    /// Saves the work in progress on <paramref name="key"/> as it is (a draft may be invalid). A key that has versions
    /// needs one of its owners; a new key may be drafted by any process owner.
    /// </summary>
    public async Task<DraftView> SaveDraftAsync(Actor actor, string key, string xml, CancellationToken ct)
    {
        RequireKey(key);
        RequireXml(xml, "body");
        if (await db.Definitions.AnyAsync(d => d.Key == key, ct)) await owners.EnsureOwnsAsync(actor, key, ct);
        var now = clock.GetUtcNow();
        var row = await db.DefinitionDrafts.SingleOrDefaultAsync(d => d.Key == key, ct);
        if (row is null) db.DefinitionDrafts.Add(row = new DefinitionDraftEntity { Key = key, Xml = xml, UpdatedAt = now, UpdatedBy = actor.UserName });
        else (row.Xml, row.UpdatedAt, row.UpdatedBy) = (xml, now, actor.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.IsCauseOf(ex))
        {
            throw new ConflictException($"Someone else saved the first draft of '{key}' at the same moment; open it and save again.");
        }
        return new DraftView(row.Key, row.Xml, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>
    /// Deploys <paramref name="request"/>'s XML as the next version of <paramref name="key"/> and publishes it with its
    /// change note; the key's draft is removed. Invalid documents (422 naming the elements), a missing change note
    /// (422 naming <c>changeNote</c>) or a document of another key (422 naming <c>xml</c>) change nothing.
    /// </summary>
    public async Task<DefinitionSummary> PublishAsync(Actor actor, string key, PublishDraftRequest request, CancellationToken ct)
    {
        RequireKey(key);
        var note = request.ChangeNote?.Trim();
        if (string.IsNullOrEmpty(note))
            throw new InvalidInputException("Say what changed in this version before publishing it.", [new FieldError(null, null, "The change note is empty.", "changeNote")]);
        if (note.Length > MaxChangeNote)
            throw new InvalidInputException($"The change note is longer than {MaxChangeNote} characters.", [new FieldError(null, null, "Shorten the change note.", "changeNote")]);
        var xml = request.Xml ?? (await db.DefinitionDrafts.AsNoTracking().Where(d => d.Key == key).Select(d => d.Xml).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"No draft is saved for '{key}'; send the BPMN as xml."));
        RequireXml(xml, "xml");
        var loaded = engine.Load(xml, resolver: catalog);
        if (loaded.Definition is { } definition && definition.Key != key)
            throw new InvalidInputException($"The document's process is '{definition.Key}', not '{key}'.",
                [new FieldError(definition.Key, "process", $"Publish it as '{definition.Key}' or change the process id to '{key}'.", "xml")]);
        var summary = await definitions.DeployAsync(xml, publish: true, actor, ct, note);
        await db.DefinitionDrafts.Where(d => d.Key == key).ExecuteDeleteAsync(ct);
        return summary;
    }

    public async Task<IReadOnlyList<VersionHistoryEntry>> HistoryAsync(string key, CancellationToken ct)
    {
        var rows = await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version)
            .Select(d => new VersionHistoryEntry(d.Version, d.Name, d.Status, d.CreatedAt, d.CreatedBy, d.PublishedAt, d.PublishedBy, d.ChangeNote))
            .ToListAsync(ct);
        return rows.Count > 0 ? rows : throw new NotFoundException($"No definition has the key '{key}'.");
    }

    private static void RequireXml(string? xml, string field)
    {
        if (string.IsNullOrWhiteSpace(xml))
            throw new InvalidInputException("The BPMN document is empty.", [new FieldError(null, null, "Send the BPMN XML.", field)]);
    }

    private static void RequireKey(string key)
    {
        if (key.Length > 200 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new InvalidInputException($"'{key}' is not a definition key.",
                [new FieldError(null, null, "Use at most 200 letters, digits, '-', '_' or '.'.", "key")]);
    }
}
