using System.Collections.Concurrent;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Procedures.Catalogue;
using WorkflowHost.Procedures.Units;

namespace WorkflowHost.Server.Services;

/// <summary>
/// The reference data a one-stop centre works with, loaded once from <c>workflows/</c>: the administrative units and
/// the procedure catalogue, plus the form schemas shipped beside the BPMN. Immutable; shared by every request.
/// </summary>
public sealed class OneStopData(UnitRegistry units, ProcedureCatalogue procedures, CalendarSet calendars, string workflowsDirectory, TimeZoneInfo zone)
{
    private readonly ConcurrentDictionary<string, string?> _formSchemas = new(StringComparer.Ordinal);

    public UnitRegistry Units { get; } = units;
    public ProcedureCatalogue Procedures { get; } = procedures;
    public CalendarSet Calendars { get; } = calendars;

    /// <summary>The calendar appointments and step deadlines are counted with.</summary>
    public BusinessCalendar Calendar => Calendars.Get(CalendarSet.Default);
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The centre's calendar date of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>A unit valid on the day of <paramref name="at"/>, or null.</summary>
    public AdministrativeUnit? Unit(string? code, DateTimeOffset at) => code is null ? null : Units.Find(code, DayOf(at));

    /// <summary>
    /// The form-js schema a task's <c>camunda:formKey</c> names (<c>forms/reception-check</c> is
    /// <c>workflows/forms/reception-check.form</c>); null when the key names no shipped schema.
    /// </summary>
    public string? FormSchema(string? formKey)
    {
        if (string.IsNullOrWhiteSpace(formKey)) return null;
        return _formSchemas.GetOrAdd(formKey, key =>
        {
            // A form key is process data: it must not walk out of the workflows folder.
            if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)) return null;
            var path = Path.GetFullPath(Path.Combine(workflowsDirectory, key + ".form"));
            return path.StartsWith(Path.GetFullPath(workflowsDirectory), StringComparison.Ordinal) && File.Exists(path) ? File.ReadAllText(path) : null;
        });
    }

    /// <summary>Loads units and procedures from the workflows folder; a missing or wrong file stops the host with its name and line.</summary>
    public static OneStopData Load(string workflowsDirectory, CalendarSet? calendars, TimeZoneInfo zone) =>
        new(UnitRegistry.Load(Path.Combine(workflowsDirectory, "units")), ProcedureCatalogue.Load(Path.Combine(workflowsDirectory, "procedures")),
            calendars ?? CalendarSet.Load(Path.Combine(workflowsDirectory, "calendars")), workflowsDirectory, zone);
}
