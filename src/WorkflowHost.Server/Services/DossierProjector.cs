using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Procedures.Dossiers;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Follows a dossier's process in the same unit of work as the instance: gives each new task the unit that works it
/// (<c>wh:unit</c> of the task, one of the dossier's three units), moves the dossier to the portal status its
/// elements declare (<c>wh:dossierStatus</c>), and writes a process control slip row for every handover, graded
/// against the step's <c>wh:stepBudget</c>. Instances without a dossier cost nothing here.
/// </summary>
public sealed class DossierProjector(WorkflowDbContext db, OneStopData data, DossierClock clock)
{
    /// <summary>Rows one command may add besides the engine's effects (dossier, pause, slip rows).</summary>
    public const int MaxRowsWritten = 8;

    public async Task ProjectAsync(InstanceEntity instance, ExecutableDefinition definition, EngineResult result, EffectRows rows,
        DateTimeOffset now, string? user, CancellationToken ct)
    {
        foreach (var task in rows.TasksOpened)
            if (task.DueAt is not null && definition.Process.AllNodes.TryGetValue(task.ElementId, out var node)
                && (node.Assignment?.WorkingDays ?? node.Assignment?.WorkingHours) is not null && clock.CalendarOf(null) is { } calendar)
                task.DueCalendar = $"{calendar.Name}@{calendar.Version}";
        if (instance.DossierId is not { } dossierId) return;
        var dossier = db.Dossiers.Local.FirstOrDefault(d => d.Id == dossierId) ?? await db.Dossiers.SingleAsync(d => d.Id == dossierId, ct);
        foreach (var task in rows.TasksOpened)
        {
            task.DossierId = dossierId;
            task.UnitCode = UnitOf(dossier, Extension(definition, task.ElementId, "unit"));
        }
        var wasPaused = IsPause(dossier.Status);
        foreach (var effect in result.Effects)
            if (effect is ElementStarted started && Extension(definition, started.ElementId, "dossierStatus") is { } status
                && int.TryParse(status, out var code) && DossierStatus.IsKnown(code))
                Move(dossier, code, now);
        if (wasPaused && !IsPause(dossier.Status))
            rows.Dispatch.TasksToReplan.AddRange((await clock.ResumeAsync(dossier, now, user, ct)).Select(t => t.Id));
        foreach (var task in rows.TasksCompleted)
        {
            var grade = Grade(task, now, Extension(definition, task.ElementId, "stepBudget"));
            var from = (Unit: task.UnitCode, User: task.CompletedBy ?? user);
            var step = task.Name ?? task.ElementId;
            if (rows.TasksOpened.Count > 0)
                foreach (var next in rows.TasksOpened) Slip(dossier, from, (next.UnitCode, next.Assignee), step, grade, now);
            else if (result.State.Status == InstanceStatus.Completed && dossier.Status == DossierStatus.Returned)
                Slip(dossier, from, (null, dossier.ApplicantName), step, grade, now);
            else if (dossier.Status == DossierStatus.Processed)
                // The result goes back to the desk of the return unit; its return step opens once the applicant is notified.
                Slip(dossier, from, (dossier.ReturnUnit, null), step, grade, now);
            else Slip(dossier, from, (null, null), step, grade, now);
        }
    }

    /// <summary>
    /// Moves the dossier to a portal status; entering 5 or 6 from a running status starts a pause of its clock (the
    /// caller resumes it with <see cref="DossierClock.ResumeAsync"/> when the dossier leaves them).
    /// </summary>
    public void Move(DossierEntity dossier, int status, DateTimeOffset now)
    {
        if (status == dossier.Status) return;
        if (IsPause(status))
        {
            if (!IsPause(dossier.Status)) clock.Pause(dossier, status, now);
            if (status == DossierStatus.AwaitingSupplement) dossier.SupplementRequestedAt ??= now;
        }
        dossier.Status = status;
        if (status is DossierStatus.Processed or DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped) dossier.FinishedAt ??= now;
        if (status == DossierStatus.Returned)
        {
            dossier.FinishedAt ??= now;
            dossier.ReturnedAt = now;
        }
    }

    private static bool IsPause(int status) => status is DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment;

    /// <summary>A step with a working-time due date is graded against it (moved by pauses); otherwise against <c>wh:stepBudget</c>.</summary>
    private StepGrade? Grade(TaskEntity task, DateTimeOffset now, string? stepBudget) =>
        task is { DueCalendar: not null, DueAt: { } due } && clock.CalendarOf(task.DueCalendar) is { } calendar
            ? StepGrading.Grade(task.CreatedAt, now, due, calendar)
            : StepGrading.Grade(task.CreatedAt, now, stepBudget, data.Zone);

    /// <summary>Appends a row to the dossier's process control slip.</summary>
    public void Slip(DossierEntity dossier, (string? Unit, string? User) from, (string? Unit, string? User) to, string step, StepGrade? grade, DateTimeOffset at,
        string? note = null) =>
        db.SlipEntries.Add(new SlipEntryEntity
        {
            DossierId = dossier.Id, FromUnit = from.Unit, FromUser = from.User, ToUnit = to.Unit, ToUser = to.User, At = at, Step = step,
            Grade = grade is { } g ? StepGrading.Word(g) : null, Note = note,
        });

    /// <summary>The unit of the dossier a <c>wh:unit</c> value names (competent when absent).</summary>
    public static string UnitOf(DossierEntity dossier, string? unitRole) => unitRole?.Trim().ToLowerInvariant() switch
    {
        "receiving" => dossier.ReceivingUnit,
        "return" => dossier.ReturnUnit,
        _ => dossier.CompetentUnit,
    };

    private static string? Extension(ExecutableDefinition definition, string elementId, string name) =>
        definition.Process.AllNodes.TryGetValue(elementId, out var node) ? node.Extensions.GetValueOrDefault(name) : null;
}

/// <summary>Why a dossier's clock is paused.</summary>
public static class PauseReason
{
    public const string Supplement = "supplement";
    public const string Payment = "payment";
}
