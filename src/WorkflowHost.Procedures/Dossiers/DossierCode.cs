using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowHost.Procedures.Dossiers;

/// <summary>
/// The dossier code of Circular 01/2018/TT-VPCP Art. 19: <c>&lt;agency code&gt;-YYMMDD-XXXX</c>, where the agency code
/// identifies the receiving unit and XXXX numbers that unit's dossiers of the day from 0001.
/// </summary>
public static partial class DossierCode
{
    /// <summary>The largest running number four digits allow: a unit receives at most this many dossiers a day.</summary>
    public const int MaxPerDay = 9999;

    /// <exception cref="DossierCodeExhaustedException">The sequence is past <see cref="MaxPerDay"/>.</exception>
    public static string Format(string agencyCode, DateOnly day, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agencyCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (sequence > MaxPerDay) throw new DossierCodeExhaustedException(agencyCode, day);
        return string.Create(CultureInfo.InvariantCulture, $"{agencyCode}-{day:yyMMdd}-{sequence:D4}");
    }

    /// <summary>True when <paramref name="code"/> has the shape of a dossier code.</summary>
    public static bool IsWellFormed(string? code) => code is not null && Shape().IsMatch(code);

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9.]{0,30}-\d{6}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>A receiving unit has used all four-digit running numbers of a day.</summary>
public sealed class DossierCodeExhaustedException(string agencyCode, DateOnly day)
    : Exception($"Unit {agencyCode} has already received {DossierCode.MaxPerDay} dossiers on {day:yyyy-MM-dd}, the most a four-digit dossier code allows; receive it tomorrow or at another unit.")
{
    public string AgencyCode { get; } = agencyCode;
    public DateOnly Day { get; } = day;
}
