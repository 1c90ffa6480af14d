using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Custody of a dossier's paper originals between centres: the receiving centre digitises them and sends them by post
/// to the competent unit, which records their arrival against the same tracking number. Each event is a row of its own
/// and a row of the process control slip, so the paper trail shows on the dossier and on the printed slip.
/// </summary>
public sealed class CustodyService(WorkflowDbContext db, DossierQueries queries, DossierProjector projector, TimeProvider clock)
{
    public const string SentStep = "Gửi bản gốc qua bưu chính";
    public const string ReceivedStep = "Nhận bản gốc";

    public async Task<DossierView> RecordAsync(string code, CustodyRequest request, Actor actor, CancellationToken ct)
    {
        var dossier = await queries.FindVisibleAsync(code, actor, ct, tracked: true);
        var units = new[] { dossier.ReceivingUnit, dossier.CompetentUnit, dossier.ReturnUnit };
        var errors = new List<FieldError>();
        var from = string.IsNullOrWhiteSpace(request.FromUnit) ? null : request.FromUnit.Trim();
        var to = string.IsNullOrWhiteSpace(request.ToUnit) ? null : request.ToUnit.Trim();
        var tracking = string.IsNullOrWhiteSpace(request.TrackingNumber) ? null : request.TrackingNumber.Trim();
        if (tracking is { Length: > 60 }) errors.Add(Field("trackingNumber", "The tracking number is longer than 60 characters."));
        if (request.Carrier is { Length: > 100 }) errors.Add(Field("carrier", "The carrier is longer than 100 characters."));
        if (request.Note is { Length: > 1000 }) errors.Add(Field("note", "The note is longer than 1000 characters."));
        CustodyEventEntity row;
        switch (request.Kind)
        {
            case "sent":
                from ??= dossier.ReceivingUnit;
                to ??= dossier.CompetentUnit;
                if (tracking is null) errors.Add(Field("trackingNumber", "Give the post's tracking number; the receiving centre records arrival against it."));
                if (!units.Contains(from)) errors.Add(Field("fromUnit", $"Unit {from} is not one of the dossier's units."));
                if (!units.Contains(to)) errors.Add(Field("toUnit", $"Unit {to} is not one of the dossier's units."));
                if (from == to) errors.Add(Field("toUnit", "The originals are sent to another unit than the one sending them."));
                else if (!actor.IsAdmin && !actor.Units.Contains(from)) errors.Add(Field("fromUnit", "You do not work at the sending unit."));
                if (errors.Count > 0) throw Invalid(errors);
                if (await db.CustodyEvents.AnyAsync(c => c.DossierId == dossier.Id && c.Kind == "sent" && c.TrackingNumber == tracking, ct))
                    throw new ConflictException($"A shipment with tracking number {tracking} is already recorded for dossier {code}.");
                row = New(dossier.Id, "sent", from, to, tracking, request, actor);
                break;
            case "received":
                var sent = tracking is null ? null
                    : await db.CustodyEvents.AsNoTracking().FirstOrDefaultAsync(c => c.DossierId == dossier.Id && c.Kind == "sent" && c.TrackingNumber == tracking, ct);
                if (tracking is null) errors.Add(Field("trackingNumber", "Give the tracking number of the shipment that arrived."));
                else if (sent is null) errors.Add(Field("trackingNumber", $"No shipment with tracking number {tracking} was sent for dossier {code}."));
                else if (!actor.IsAdmin && !actor.Units.Contains(sent.ToUnit)) errors.Add(Field("trackingNumber", "The shipment was sent to another unit; that unit records its arrival."));
                if (errors.Count > 0) throw Invalid(errors);
                if (await db.CustodyEvents.AnyAsync(c => c.DossierId == dossier.Id && c.Kind == "received" && c.TrackingNumber == tracking, ct))
                    throw new ConflictException($"The shipment {tracking} of dossier {code} was already received.");
                row = New(dossier.Id, "received", sent!.FromUnit, sent.ToUnit, tracking, request, actor);
                break;
            default:
                throw Invalid([Field("kind", "Kind must be sent or received.")]);
        }
        db.CustodyEvents.Add(row);
        var note = $"Số vận đơn {row.TrackingNumber}{(row.Carrier is { } c ? $" ({c})" : "")}{(row.Note is { } n ? $"; {n}" : "")}";
        projector.Slip(dossier, (row.FromUnit, row.Kind == "sent" ? actor.UserName : null), (row.ToUnit, row.Kind == "received" ? actor.UserName : null),
            row.Kind == "sent" ? SentStep : ReceivedStep, null, row.At, note);
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(code, actor, ct);
    }

    private CustodyEventEntity New(Guid dossierId, string kind, string from, string to, string? tracking, CustodyRequest request, Actor actor) => new()
    {
        DossierId = dossierId, Kind = kind, FromUnit = from, ToUnit = to, TrackingNumber = tracking,
        Carrier = string.IsNullOrWhiteSpace(request.Carrier) ? null : request.Carrier.Trim(), At = clock.GetUtcNow(), By = actor.UserName,
        Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
    };

    private static FieldError Field(string field, string message) => new(null, null, message, field);

    private static InvalidInputException Invalid(List<FieldError> errors) => new("The custody event was not recorded; see errors.", errors);
}
