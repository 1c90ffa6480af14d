namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// One unit and procedure over a period, in the groupings of the national report (domain brief §2.1). The unit is the
/// competent unit, the one judged on the dossier's timeliness. The figures balance:
/// <c>carriedOver + received = early + onTime + late + paused + inProgress</c>.
/// </summary>
/// <param name="Received">Accepted dossiers received in the period.</param>
/// <param name="InProgress">Received before the period ended and not finished by then, and not waiting on the applicant now.</param>
/// <param name="Paused">Awaiting supplement or payment now (unfinished), or handling stopped within the period.</param>
/// <param name="Early">Finished (processed, returned or withdrawn) in the period on a day before the appointment's day.</param>
/// <param name="OnTime">Finished in the period on the appointment's day, not after the appointment instant.</param>
/// <param name="Late">Finished in the period after the appointment instant.</param>
/// <param name="OnTimeRate">(early + onTime) / finished, 0..1; null when nothing finished.</param>
/// <param name="CarriedOver">Received before the period and not finished when it began.</param>
public sealed record SlaRow(string Unit, string Procedure, int Received, int InProgress, int Paused, int Early, int OnTime, int Late,
    double? OnTimeRate, int CarriedOver)
{
    public int Finished => Early + OnTime + Late;
}

/// <summary>The report: its rows and the period as the server understood it (local days, both inclusive).</summary>
public sealed record SlaReport(DateOnly From, DateOnly To, double Target, List<SlaRow> Rows);

/// <summary>An open step past (or near) its due instant, linking to its dossier.</summary>
public sealed record DeadlineItem(Guid TaskId, string DossierCode, string Step, string ElementId, string? Unit, string? Assignee,
    DateTimeOffset DueAt, DateTimeOffset? AppointmentAt, string ProcedureCode, string ApplicantName);

/// <summary>Steps overdue now and steps due within one working day of now (business calendar).</summary>
public sealed record DeadlineLists(DateTimeOffset Now, DateTimeOffset DueSoonUntil, List<DeadlineItem> Overdue, List<DeadlineItem> DueSoon);

/// <summary>One bucket (a local day or an ISO week starting Monday) of the trend.</summary>
public sealed record TrendPoint(DateOnly Start, int Received, int Finished, int OnTime, double? OnTimeRate);

public sealed record SlaTrend(string Bucket, List<TrendPoint> Points);

/// <summary>An element of the procedure's diagram with the open steps on it.</summary>
/// <param name="MedianHoursSpent">Median time the open steps have spent so far, in hours.</param>
public sealed record BottleneckElement(string ElementId, string? Name, int Open, double MedianHoursSpent, int Overdue);

/// <summary>A procedure version's open steps per element, with the definition to draw them on.</summary>
public sealed record Bottleneck(string Procedure, string DefinitionKey, int Version, List<int> Versions, List<BottleneckElement> Elements);
