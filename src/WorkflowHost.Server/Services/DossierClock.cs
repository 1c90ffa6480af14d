using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Procedures.Dossiers;

namespace WorkflowHost.Server.Services;

/// <summary>
/// The dossier's legal clock (decision 8): awaiting supplement (5) and awaiting payment (6) stop it; when it runs
/// again, the appointment and the open steps' due dates move by the paused working time
/// (<see cref="PausedClock"/>), the first appointment is kept, and every move is written to
/// <c>deadline_changes</c>. Works inside the caller's unit of work; the caller saves.
/// </summary>
public sealed class DossierClock(WorkflowDbContext db, OneStopData data, ILogger<DossierClock> log)
{
    /// <summary>Starts a pause for the status the dossier enters (5 or 6), remembering the status to go back to.</summary>
    public void Pause(DossierEntity dossier, int status, DateTimeOffset now)
    {
        dossier.StatusBeforePause ??= dossier.Status;
        db.DossierPauses.Add(new DossierPauseEntity
        {
            DossierId = dossier.Id, StartedAt = now,
            Reason = status == DossierStatus.AwaitingSupplement ? PauseReason.Supplement : PauseReason.Payment,
        });
    }

    /// <summary>
    /// Ends the dossier's open pauses at <paramref name="now"/> and moves its deadlines by their working time. Returns
    /// the tasks whose due dates moved (their reminders follow them).
    /// </summary>
    public async Task<IReadOnlyList<TaskEntity>> ResumeAsync(DossierEntity dossier, DateTimeOffset now, string? by, CancellationToken ct)
    {
        var open = await db.DossierPauses.Where(p => p.DossierId == dossier.Id && p.EndedAt == null).ToListAsync(ct);
        open.AddRange(db.DossierPauses.Local.Where(p => p.DossierId == dossier.Id && p.EndedAt == null && !open.Contains(p)));
        dossier.StatusBeforePause = null;
        if (open.Count == 0) return [];
        foreach (var pause in open) pause.EndedAt = now;
        (DateTimeOffset, DateTimeOffset)[] paused = [.. open.Select(p => (p.StartedAt, now))];

        if (dossier.AppointmentAt is { } appointment && dossier.FinishedAt is null && CalendarOf(dossier.AppointmentCalendar) is { } calendar
            && TryShift(appointment, dossier.ReceivedAt, paused, calendar, dossier.Code) is { } moved && moved != appointment)
        {
            Record(dossier.Id, null, appointment, moved, calendar, now, by);
            dossier.AppointmentAt = moved;
        }

        var movedTasks = new List<TaskEntity>();
        var tasks = await db.Tasks.Where(t => t.DossierId == dossier.Id && t.State == TaskState.Open && t.DueAt != null).ToListAsync(ct);
        foreach (var task in tasks.Where(t => t.State == TaskState.Open && t.DueAt is not null))
        {
            if (CalendarOf(task.DueCalendar) is not { } taskCalendar) continue;
            if (TryShift(task.DueAt!.Value, task.CreatedAt, paused, taskCalendar, dossier.Code) is not { } due || due == task.DueAt) continue;
            Record(dossier.Id, task.Id, task.DueAt, due, taskCalendar, now, by);
            task.DueAt = due;
            movedTasks.Add(task);
        }
        return movedTasks;
    }

    /// <summary>The calendar a deadline was computed with (<c>name@version</c>), now; the default when none was recorded.</summary>
    public BusinessCalendar? CalendarOf(string? recorded)
    {
        var name = recorded is null ? CalendarSet.Default : recorded.Split('@')[0];
        return data.Calendars.TryGet(name, out var calendar) ? calendar : null;
    }

    private void Record(Guid dossierId, Guid? taskId, DateTimeOffset? old, DateTimeOffset due, BusinessCalendar calendar, DateTimeOffset now, string? by) =>
        db.DeadlineChanges.Add(new DeadlineChangeEntity
        {
            DossierId = dossierId, TaskId = taskId, Cause = DeadlineChangeCause.Pause, OldDueAt = old, NewDueAt = due,
            Calendar = $"{calendar.Name}@{calendar.Version}", At = now, By = by,
        });

    private DateTimeOffset? TryShift(DateTimeOffset due, DateTimeOffset since, (DateTimeOffset, DateTimeOffset)[] paused, BusinessCalendar calendar, string code)
    {
        try
        {
            return PausedClock.Shift(due, since, paused, calendar);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // A deadline beyond the calendar's last year cannot be moved by it; keeping it is safer than guessing.
            log.LogWarning(e, "Deadline {Due} of dossier {Code} was not moved by its pause: {Reason}", due, code, e.Message);
            return null;
        }
    }
}
