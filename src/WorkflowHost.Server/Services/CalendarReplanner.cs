using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Engine.Timers;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>A re-planning after a calendar change, as the dashboard and the API show it.</summary>
public sealed record CalendarReplanView(string Calendar, string Version, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int DossiersMoved, int StepsMoved);

/// <summary>
/// Re-plans open deadlines when a calendar's files change (a holiday announced late): every open dossier's
/// appointment and every open step's working-time due date computed with an older version of that calendar is
/// computed again from its facts — received or opened at, the statutory limit or <c>wh:workingDays</c>/<c>wh:workingHours</c>,
/// the pauses — with the new version, and each move is written to <c>deadline_changes</c>. Recomputing from facts
/// makes it idempotent; each row is switched with a guarded update (only while it still names the old version), so
/// two nodes re-planning at once move each deadline once. Apologised dossiers keep the date promised in the letter.
/// </summary>
public sealed class CalendarReplanner(WorkflowDbContext db, CalendarSet calendars, OneStopData data, DefinitionCatalog definitions,
    IOptions<WorkflowHostOptions> options, IWebHostEnvironment environment, Reminders.ReminderPlanner reminders, TimeProvider clock,
    ILogger<CalendarReplanner> log, Microsoft.Extensions.Localization.IStringLocalizer<WorkflowHost.Procedures.Localization.CalendarMessages> messages)
{
    private const int PageSize = 200;

    /// <summary>Re-reads every calendar file (refusing an invalid one whole, naming file and line) and re-plans <paramref name="name"/>.</summary>
    public async Task<CalendarReplanView> ReloadAsync(string name, CancellationToken ct)
    {
        CalendarSet fresh;
        try
        {
            fresh = LoadFiles();
        }
        catch (CalendarDataException e)
        {
            throw new InvalidInputException("The calendar files are invalid; nothing was reloaded.", [new FieldError(null, null, e.Message, "calendar")]);
        }
        if (!fresh.TryGet(name, out _)) throw new NotFoundException($"There is no calendar named '{name}'; the calendars are: {string.Join(", ", fresh.Names)}.");
        calendars.ReplaceWith(fresh);
        return await ReplanAsync(name, ct);
    }

    /// <summary>Loads the calendar files and swaps them in when a version differs; the names of the calendars that changed.</summary>
    /// <exception cref="CalendarDataException">A file is invalid; nothing is swapped.</exception>
    public IReadOnlyList<string> ReloadIfChanged()
    {
        var fresh = LoadFiles();
        var changed = fresh.Names.Where(n => !calendars.TryGet(n, out var current) || current.Version != fresh.Get(n).Version).ToList();
        if (changed.Count > 0) calendars.ReplaceWith(fresh);
        return changed;
    }

    private CalendarSet LoadFiles()
    {
        var directory = WorkflowsFolder.Resolve(options.Value, environment.ContentRootPath) ?? options.Value.WorkflowsDirectory;
        return CalendarSet.Load(Path.Combine(directory, "calendars"), messages);
    }

    /// <summary>Moves the open deadlines computed with another version of calendar <paramref name="name"/> to its current version.</summary>
    public async Task<CalendarReplanView> ReplanAsync(string name, CancellationToken ct)
    {
        var calendar = calendars.Get(name);
        var key = $"{calendar.Name}@{calendar.Version}";
        var prefix = calendar.Name + "@";
        var run = new CalendarReplanEntity { Calendar = calendar.Name, Version = calendar.Version, StartedAt = clock.GetUtcNow() };
        run.DossiersMoved = await ReplanDossiersAsync(calendar, key, prefix, ct);
        run.StepsMoved = await ReplanStepsAsync(calendar, key, prefix, ct);
        run.FinishedAt = clock.GetUtcNow();
        if (run.DossiersMoved + run.StepsMoved > 0 || !await db.CalendarReplans.AnyAsync(r => r.Calendar == run.Calendar && r.Version == run.Version, ct))
        {
            db.CalendarReplans.Add(run);
            await db.SaveChangesAsync(ct);
        }
        log.LogInformation("Calendar {Calendar} re-planned to version {Version}: {Dossiers} appointments and {Steps} step due dates moved",
            calendar.Name, calendar.Version, run.DossiersMoved, run.StepsMoved);
        return View(run);
    }

    public async Task<IReadOnlyList<CalendarReplanView>> ListAsync(CancellationToken ct) =>
        (await db.CalendarReplans.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(ct)).Select(View).ToList();

    private async Task<int> ReplanDossiersAsync(BusinessCalendar calendar, string key, string prefix, CancellationToken ct)
    {
        var moved = 0;
        // Each row handled leaves the filter (it now names the new version), so the next page is again the first one;
        // rows that cannot be re-planned are remembered and left out.
        var skipped = new List<Guid>();
        for (; ; )
        {
            var page = await db.Dossiers.AsNoTracking()
                .Where(d => d.FinishedAt == null && d.AppointmentAt != null && d.ExtendedAt == null && d.AppointmentCalendar != key
                    && d.AppointmentCalendar!.StartsWith(prefix) && !skipped.Contains(d.Id))
                .OrderBy(d => d.Id).Take(PageSize)
                .Select(d => new { d.Id, d.ProcedureCode, d.ProcedureVersion, d.ReceivedAt, d.AppointmentAt, d.AppointmentCalendar }).ToListAsync(ct);
            if (page.Count == 0) return moved;
            var pauses = await ClosedPausesAsync(page.Select(d => d.Id).ToList(), ct);
            foreach (var d in page)
            {
                var procedure = data.Procedures.All.FirstOrDefault(p => p.Code == d.ProcedureCode && p.Version == d.ProcedureVersion);
                if (procedure is null)
                {
                    skipped.Add(d.Id);
                    continue;
                }
                DateTimeOffset due;
                try
                {
                    due = PausedClock.Shift(Appointment.Compute(procedure.TimeLimit, d.ReceivedAt, calendar).DueAt, d.ReceivedAt, pauses[d.Id], calendar);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    log.LogWarning("Appointment of dossier {Id} not re-planned: {Reason}", d.Id, e.Message);
                    skipped.Add(d.Id);
                    continue;
                }
                var oldKey = d.AppointmentCalendar;
                var switched = await db.Dossiers.Where(x => x.Id == d.Id && x.AppointmentCalendar == oldKey && x.FinishedAt == null && x.ExtendedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.AppointmentAt, due).SetProperty(x => x.AppointmentCalendar, key), ct);
                if (switched == 0 || due == d.AppointmentAt) continue;
                db.DeadlineChanges.Add(Change(d.Id, null, d.AppointmentAt, due, key));
                moved++;
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<int> ReplanStepsAsync(BusinessCalendar calendar, string key, string prefix, CancellationToken ct)
    {
        var moved = 0;
        var skipped = new List<Guid>();
        var movedIds = new List<Guid>();
        for (; ; )
        {
            var page = await (from t in db.Tasks.AsNoTracking()
                              join i in db.Instances.AsNoTracking() on t.InstanceId equals i.Id
                              where t.State == TaskState.Open && t.DueAt != null && t.DueCalendar != key && t.DueCalendar!.StartsWith(prefix) && !skipped.Contains(t.Id)
                              orderby t.Id
                              select new { t.Id, t.ElementId, t.CreatedAt, t.DueAt, t.DueCalendar, t.DossierId, i.DefinitionKey, i.DefinitionVersion })
                .Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) return moved;
            var pauses = await ClosedPausesAsync(page.Where(t => t.DossierId != null).Select(t => t.DossierId!.Value).Distinct().ToList(), ct);
            foreach (var t in page)
            {
                if (Recompute(t.DefinitionKey, t.DefinitionVersion, t.ElementId, t.CreatedAt, calendar) is not { } computed)
                {
                    skipped.Add(t.Id);
                    continue;
                }
                var due = t.DossierId is { } dossierId ? PausedClock.Shift(computed, t.CreatedAt, pauses[dossierId], calendar) : computed;
                var oldKey = t.DueCalendar;
                var switched = await db.Tasks.Where(x => x.Id == t.Id && x.DueCalendar == oldKey && x.State == TaskState.Open)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.DueAt, due).SetProperty(x => x.DueCalendar, key), ct);
                if (switched == 0 || due == t.DueAt) continue;
                if (t.DossierId is { } id) db.DeadlineChanges.Add(Change(id, t.Id, t.DueAt, due, key));
                movedIds.Add(t.Id);
                moved++;
            }
            await db.SaveChangesAsync(ct);
            // The reminders follow the moved due dates once the new dates are committed.
            foreach (var id in movedIds) await reminders.ReplanAsync(id, ct);
            movedIds.Clear();
        }
    }

    /// <summary>The step's working-time due date from its literal <c>wh:workingDays</c>/<c>wh:workingHours</c>; null for an expression (its inputs are gone).</summary>
    private DateTimeOffset? Recompute(string key, int version, string elementId, DateTimeOffset openedAt, BusinessCalendar calendar)
    {
        try
        {
            var definition = definitions.Get(key, version);
            if (!definition.Process.AllNodes.TryGetValue(elementId, out var node) || node.Assignment is not { } assignment) return null;
            if (assignment.WorkingDays is { } days && WorkingTimeText.TryDays(days, out var n)) return calendar.AddWorkingDays(openedAt, n).DueAt;
            if (assignment.WorkingHours is { } hours && WorkingTimeText.TryHours(hours, out var h)) return calendar.AddWorkingHours(openedAt, h).DueAt;
            return null;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or KeyNotFoundException or InvalidOperationException)
        {
            log.LogWarning("Due date of a {Key} v{Version} step {Element} not re-planned: {Reason}", key, version, elementId, e.Message);
            return null;
        }
    }

    private async Task<ILookup<Guid, (DateTimeOffset From, DateTimeOffset To)>> ClosedPausesAsync(List<Guid> dossierIds, CancellationToken ct) =>
        (await db.DossierPauses.AsNoTracking().Where(p => dossierIds.Contains(p.DossierId) && p.EndedAt != null)
            .Select(p => new { p.DossierId, p.StartedAt, p.EndedAt }).ToListAsync(ct))
        .ToLookup(p => p.DossierId, p => (p.StartedAt, p.EndedAt!.Value));

    private DeadlineChangeEntity Change(Guid dossierId, Guid? taskId, DateTimeOffset? old, DateTimeOffset due, string key) => new()
    {
        DossierId = dossierId, TaskId = taskId, Cause = DeadlineChangeCause.Calendar, OldDueAt = old, NewDueAt = due, Calendar = key, At = clock.GetUtcNow(),
    };

    private static CalendarReplanView View(CalendarReplanEntity r) => new(r.Calendar, r.Version, r.StartedAt, r.FinishedAt, r.DossiersMoved, r.StepsMoved);
}
