using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Procedures.Dossiers;
using Microsoft.Extensions.Localization;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Localization;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Moving a dossier's step between people and units without completing it: transfer to another unit's queue or
/// person, and returning the dossier to the applicant for a supplement. Each writes a row of the process control slip.
/// </summary>
public sealed class TaskHandover(WorkflowDbContext db, TaskService tasks, DossierProjector projector, OneStopData data, UserManager<AppUser> users, TimeProvider clock,
    IStringLocalizer<ServerMessages> L)
{
    public async Task<TaskView> TransferAsync(Guid taskId, TransferRequest request, Actor actor, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Reason)) errors.Add(Field("reason", L["Say why the step is transferred; it goes on the control slip."]));
        if (string.IsNullOrWhiteSpace(request.ToUnit) && string.IsNullOrWhiteSpace(request.ToUser)) errors.Add(Field("toUnit", L["Name the unit or the person to transfer to."]));
        if (errors.Count > 0) throw new InvalidInputException(L["The transfer is incomplete; see errors."], errors);
        var task = await tasks.LoadWorkableAsync(taskId, actor, ct, tracked: true);
        if (task.State != TaskState.Open) throw tasks.AlreadyDone(taskId, task.State);
        if (task.Assignee is not null && task.Assignee != actor.UserName && !actor.IsAdmin)
            throw new ForbiddenException(L["Task {0} is claimed by {1}; only they or an admin can transfer it.", taskId, task.Assignee!]);
        var now = clock.GetUtcNow();
        var toUnit = string.IsNullOrWhiteSpace(request.ToUnit) ? task.UnitCode : request.ToUnit.Trim();
        if (toUnit is not null && data.Unit(toUnit, now) is null) throw Invalid("toUnit", $"No unit has code '{toUnit}' today.");
        if (task.DossierId is null && !string.IsNullOrWhiteSpace(request.ToUnit)) throw Invalid("toUnit", L["Only a dossier's steps belong to units; transfer this task to a person."]);
        string? toUser = null;
        if (!string.IsNullOrWhiteSpace(request.ToUser))
        {
            var user = await users.FindByNameAsync(request.ToUser.Trim());
            if (user is null || (toUnit is not null && !user.UnitList.Contains(toUnit)))
                throw Invalid("toUser", toUnit is null ? L["No user is called '{0}'.", request.ToUser] : L["No user called '{0}' works at unit {1}.", request.ToUser, toUnit]);
            toUser = user.UserName;
        }
        var fromUnit = task.UnitCode;
        task.UnitCode = toUnit;
        task.Assignee = toUser;
        if (toUser is not null && !task.Candidates.Any(c => c.Kind == CandidateKind.User && c.Name == toUser))
            task.Candidates.Add(new TaskCandidateEntity { TaskId = task.Id, Kind = CandidateKind.User, Name = toUser });
        if (task.DossierId is { } dossierId)
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == dossierId, ct);
            projector.Slip(dossier, (fromUnit, actor.UserName), (toUnit, toUser), $"{Words.TransferStep}: {task.Name ?? task.ElementId}", null, now, request.Reason!.Trim());
        }
        await db.SaveChangesAsync(ct);
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => new { i.BusinessKey, i.DefinitionKey }).SingleAsync(ct);
        return new TaskView(task.Id, task.InstanceId, task.ElementId, task.Name, task.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Name).ToList(),
            task.Candidates.Where(c => c.Kind == CandidateKind.User).Select(c => c.Name).ToList(), task.Assignee, task.DueAt, task.State, task.FormKey, task.CreatedAt,
            instance.BusinessKey, instance.DefinitionKey, UnitCode: task.UnitCode, ReadOnly: !TaskScope.MayWork(task, actor));
    }

    /// <summary>
    /// Asks the applicant, once and in full, for what is missing: the dossier goes to status 5 and its clock pauses; the
    /// step stays open and goes on when the supplement is received (POST /api/dossiers/{code}/supplement).
    /// </summary>
    public async Task<DossierView> ReturnForSupplementAsync(Guid taskId, SupplementRequest request, Actor actor, DossierQueries queries, CancellationToken ct)
    {
        if (request.Missing is not { Count: > 0 } || request.Missing.Any(string.IsNullOrWhiteSpace))
            throw Invalid("missing", L["List everything that is missing: the applicant is told once, in full."]);
        var task = await tasks.LoadWorkableAsync(taskId, actor, ct);
        if (task.State != TaskState.Open) throw tasks.AlreadyDone(taskId, task.State);
        if (task.DossierId is not { } dossierId) throw new ConflictException(L["Task {0} belongs to no dossier; there is nobody to ask for a supplement.", taskId]);
        var dossier = await db.Dossiers.SingleAsync(d => d.Id == dossierId, ct);
        if (dossier.SupplementRequestedAt is not null)
            throw new ConflictException(L["A supplement was already requested for dossier {0} on {1:yyyy-MM-dd}; the applicant may be asked only once.", dossier.Code, data.DayOf(dossier.SupplementRequestedAt.Value)]);
        if (DossierStatus.IsFinal(dossier.Status) || dossier.Status is DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment)
            throw new ConflictException(L["Dossier {0} is {1}; a supplement cannot be requested now.", dossier.Code, ServerMessages.StatusName(dossier.Status)]);
        var now = clock.GetUtcNow();
        projector.Move(dossier, DossierStatus.AwaitingSupplement, now);
        dossier.SupplementMissingJson = JsonSerializer.Serialize(request.Missing.Select(m => m.Trim()).ToList());
        dossier.SupplementNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        dossier.SupplementRequestedBy = actor.UserName;
        projector.Slip(dossier, (task.UnitCode, actor.UserName), (dossier.ReceivingUnit, null), Words.SupplementRequestStep, null, now, dossier.SupplementNote);
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(dossier.Code, actor, ct);
    }

    private static FieldError Field(string field, string message) => new(null, null, message, field);

    private static InvalidInputException Invalid(string field, string message) => new(message, [Field(field, message)]);
}
