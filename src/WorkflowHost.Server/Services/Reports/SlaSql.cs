using System.Text.Json;
using WorkflowHost.Data;

namespace WorkflowHost.Server.Services.Reports;

/// <summary>
/// What the report's SQL writes differently on each provider. The report counts in the database (a province has
/// millions of dossiers), and its groupings need the local day of an instant, which LINQ cannot say portably:
/// PostgreSQL stores <c>timestamptz</c>, SQLite the UTC-or-local ticks of EF's binary converter with the offset in
/// the low 11 bits (appointments keep the calendar's +07:00), so SQLite decodes to UTC first.
/// </summary>
internal abstract class SlaSql
{
    public static SlaSql For(WorkflowDbContext db, TimeZoneInfo zone) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? new Postgres(zone) : new Sqlite(zone);

    /// <summary>A column as a value comparable with <see cref="Value"/>.</summary>
    public abstract string Instant(string column);

    /// <summary>An instant as a parameter value comparable with <see cref="Instant"/>.</summary>
    public abstract object Value(DateTimeOffset instant);

    /// <summary>The local day of a column's instant as a whole number of days since 1970-01-01.</summary>
    public abstract string LocalDay(string column);

    /// <summary>A condition that <paramref name="column"/> is one of the units in parameter <paramref name="parameter"/>.</summary>
    public abstract string InList(string column, int parameter);

    public abstract object List(IReadOnlyCollection<string> values);

    /// <summary>The day number <see cref="LocalDay"/> gives, as a date.</summary>
    public static DateOnly Day(long dayNumber) => DateOnly.FromDayNumber((int)(dayNumber + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));

    private sealed class Postgres(TimeZoneInfo zone) : SlaSql
    {
        public override string Instant(string column) => column;

        public override object Value(DateTimeOffset instant) => instant.ToUniversalTime();

        // The zone name is a literal from configuration (an IANA id PostgreSQL knows), never user input.
        public override string LocalDay(string column) => $"(({column} AT TIME ZONE '{zone.Id.Replace("'", "''")}')::date - DATE '1970-01-01')::bigint";

        public override string InList(string column, int parameter) => $"{column} = ANY({{{parameter}}})";

        public override object List(IReadOnlyCollection<string> values) => values.ToArray();
    }

    private sealed class Sqlite(TimeZoneInfo zone) : SlaSql
    {
        private const long TicksPerUnit = 1000;
        private const long UnitsPerMinute = TimeSpan.TicksPerMinute / TicksPerUnit;
        private const long UnitsPerDay = TimeSpan.TicksPerDay / TicksPerUnit;
        private static readonly long EpochUnits = DateTime.UnixEpoch.Ticks / TicksPerUnit;

        // Vietnam keeps one offset all year; a zone with daylight saving would need the offset per row.
        private readonly long _offsetUnits = (long)zone.BaseUtcOffset.TotalMinutes * UnitsPerMinute;

        public override string Instant(string column) =>
            $"(({column} >> 11) - (({column} & 2047) - CASE WHEN ({column} & 2047) >= 1024 THEN 2048 ELSE 0 END) * {UnitsPerMinute})";

        public override object Value(DateTimeOffset instant) => instant.UtcTicks / TicksPerUnit;

        public override string LocalDay(string column) => $"(({Instant(column)} + {_offsetUnits - EpochUnits}) / {UnitsPerDay})";

        public override string InList(string column, int parameter) => $"{column} IN (SELECT value FROM json_each({{{parameter}}}))";

        public override object List(IReadOnlyCollection<string> values) => JsonSerializer.Serialize(values);
    }
}
