using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using Microsoft.Extensions.Localization;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Localization;

namespace WorkflowHost.Server.Services;

/// <summary>Body of POST /api/dossiers/{code}/extension: the apology's new date and its reason.</summary>
public sealed record ExtensionRequest(DateTimeOffset? NewAppointmentAt, string? Reason);

/// <summary>The apology of a late dossier, as the dossier page and the printed letter show it.</summary>
public sealed record ExtensionView(DateTimeOffset At, string? By, string Reason, DateTimeOffset PreviousAppointmentAt, DateTimeOffset NewAppointmentAt,
    string? ByDisplayName = null);

/// <summary>
/// A late result (domain brief §1.5): before the appointment passes, staff of the dossier's units may apologise once and
/// give one new date with a reason. The new date becomes the appointment the citizen is told; the dossier still
/// counts as late in every report (<see cref="DossierEntity.ExtendedAt"/> is set).
/// </summary>
public sealed class DossierExtensions(WorkflowDbContext db, DossierQueries queries, DossierProjector projector, TimeProvider clock,
    OneStopData data, IStringLocalizer<ServerMessages> L)
{
    public const int MaxReasonLength = 1000;

    public async Task<DossierView> ExtendAsync(string code, ExtensionRequest request, Actor actor, CancellationToken ct)
    {
        var dossier = await queries.FindVisibleAsync(code, actor, ct, tracked: true);
        if (!actor.IsAdmin && !actor.Roles.Any(Roles.TaskRoles.Contains))
            throw new ForbiddenException(L["Only the staff who work the dossier (reception, officer, leader) may apologise for it."]);
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) errors.Add(Field("reason", L["Give the reason the result is late; the applicant reads it in the letter."]));
        else if (reason.Length > MaxReasonLength) errors.Add(Field("reason", L["The reason may have at most {0} characters.", MaxReasonLength]));
        if (request.NewAppointmentAt is not { } newAt) errors.Add(Field("newAppointmentAt", L["Give the new appointment date and time."]));
        else if (dossier.AppointmentAt is { } current && newAt <= current)
            errors.Add(Field("newAppointmentAt", L["The new date must be after the current appointment ({0:O}).", Local(current)]));
        if (errors.Count > 0) throw new InvalidInputException(L["The apology cannot be issued as written."], errors);

        if (dossier.ExtendedAt is not null)
            throw new ConflictException(L["Dossier {0} already has an apology with a new date ({1:O}); the date can be moved only once.", code, Local(dossier.ExtendedAt.Value)]);
        if (dossier.FinishedAt is not null)
            throw new ConflictException(L["Dossier {0} is finished; there is no result left to be late.", code]);
        if (dossier.AppointmentAt is not { } appointment)
            throw new ConflictException(L["Dossier {0} has no appointment date yet (it was not accepted).", code]);
        if (now >= appointment)
            throw new ConflictException(L["The appointment of dossier {0} ({1:O}) has passed; an apology must be issued before it.", code, Local(appointment)]);

        dossier.AppointmentBeforeExtensionAt = appointment;
        dossier.AppointmentAt = request.NewAppointmentAt;
        dossier.ExtendedAt = now;
        dossier.ExtendedBy = actor.UserName;
        dossier.ExtensionReason = reason;
        db.DeadlineChanges.Add(new DeadlineChangeEntity
        {
            DossierId = dossier.Id, Cause = DeadlineChangeCause.Extension, OldDueAt = appointment, NewDueAt = request.NewAppointmentAt!.Value,
            Calendar = dossier.AppointmentCalendar, At = now, By = actor.UserName,
        });
        projector.Slip(dossier, (dossier.CompetentUnit, actor.UserName), (dossier.ReturnUnit, null), Words.ExtensionStep, null, now, reason);
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(code, actor, ct);
    }

    /// <summary>Instants in messages read as the centre's clock does (Vietnam time), not as stored (UTC).</summary>
    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, data.Zone);

    private static FieldError Field(string field, string message) => new(null, null, message, field);
}
