using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Data;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Tests.Reports;

/// <summary>
/// 10,000 dossiers of three wards and three procedures received from September to December 2025, in every portal
/// status: unfinished, paused, stopped, refused, withdrawn, finished early, on the appointment's day and late — with
/// appointments stored at the calendar's +07:00 as the desk stores them, finishes in UTC as the server does.
/// </summary>
public static class SlaSeed
{
    public const int Count = 10_000;
    public static readonly string[] Units = ["20242", "20209", "20285"];
    public static readonly string[] Procedures = ["1.000894", "1.001193", "2.000305"];
    public static readonly TimeSpan Local = TimeSpan.FromHours(7);

    public static async Task SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var random = new Random(11);
        var first = new DateTimeOffset(2025, 9, 1, 0, 0, 0, Local);
        var rows = new List<DossierEntity>(Count);
        for (var i = 0; i < Count; i++)
        {
            var competent = Units[random.Next(10) switch { < 4 => 0, < 7 => 1, _ => 2 }];
            var receiving = random.Next(10) == 0 ? Units[random.Next(3)] : competent;
            // Office hours 07:30-17:00 local on a day of the four months.
            var received = first.AddDays(random.Next(122)).AddMinutes(450 + random.Next(570)).ToUniversalTime();
            var appointmentLocal = received.ToOffset(Local).Date.AddDays(1 + random.Next(14)).AddHours(random.Next(2) == 0 ? 17 : 11.5);
            var appointment = new DateTimeOffset(appointmentLocal, Local);
            var roll = random.Next(100);
            var (status, finished) = roll switch
            {
                < 8 => (4, (DateTimeOffset?)null),
                < 12 => (2, null),
                < 17 => (5, null),
                < 20 => (6, null),
                < 22 => (8, received.AddDays(random.Next(1, 20))),
                < 25 => (3, received.AddMinutes(5)),
                < 27 => (1, null),
                < 30 => (7, received.AddDays(random.Next(0, 10))),
                // Around the appointment: a few days early, the same day before it, or after it.
                _ => (random.Next(2) == 0 ? 9 : 10, appointment.AddHours(random.Next(-96, 30)).AddMinutes(random.Next(60)).ToUniversalTime()),
            };
            if (finished < received) finished = received.AddHours(1);
            var procedure = Procedures[random.Next(Procedures.Length)];
            rows.Add(new DossierEntity
            {
                Id = Guid.NewGuid(), Code = $"SLA.{competent}-{i:D5}", ProcedureCode = procedure, ProcedureVersion = 1, ProcedureName = "Thủ tục " + procedure,
                ReceivingUnit = receiving, CompetentUnit = competent, ReturnUnit = receiving, Channel = 1, Status = status,
                ApplicantType = "citizen", ApplicantName = $"Công dân {i}", ReceivedAt = received, AppointmentAt = appointment,
                OriginalAppointmentAt = appointment, FinishedAt = finished, SearchText = $"sla.{i}",
            });
        }
        foreach (var chunk in rows.Chunk(2_000))
        {
            db.Dossiers.AddRange(chunk);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
