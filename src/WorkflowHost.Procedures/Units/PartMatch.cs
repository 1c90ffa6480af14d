using System.Globalization;
using WorkflowHost.Procedures.Text;

namespace WorkflowHost.Procedures.Units;

/// <summary>
/// One term of a split mapping's <c>part_match</c>: an address fragment, or a cadastral map sheet with an optional range
/// of parcel numbers. A subject lies in the part when its address contains the fragment (both without diacritics) or
/// its parcel (written <c>sheet/number</c>, e.g. <c>12/345</c>) is on the sheet and in the range.
/// </summary>
public sealed record PartMatch(string? AddressFragment, int? Sheet, int? FromParcel, int? ToParcel)
{
    private const string ParcelPrefix = "parcel:";

    /// <summary>Parses one term; null with <paramref name="problem"/> set when it is malformed.</summary>
    public static PartMatch? Parse(string term, out string? problem)
    {
        problem = null;
        var text = term.Trim();
        if (!text.StartsWith(ParcelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var fragment = VietnameseText.Fold(text);
            if (fragment.Length < 3) { problem = $"the address fragment '{term}' is shorter than 3 letters; it would match almost any address"; return null; }
            return new PartMatch(fragment, null, null, null);
        }
        var spec = text[ParcelPrefix.Length..];
        var parts = spec.Split('/', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sheet))
        {
            problem = $"'{term}' is not parcel:<sheet> or parcel:<sheet>/<from>-<to>";
            return null;
        }
        if (parts.Length == 1) return new PartMatch(null, sheet, null, null);
        var range = parts[1].Split('-', 2);
        if (range.Length != 2 || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
        {
            problem = $"'{term}' is not parcel:<sheet> or parcel:<sheet>/<from>-<to> with from ≤ to";
            return null;
        }
        return new PartMatch(null, sheet, from, to);
    }

    /// <summary>True when the subject's address or parcel lies in this part.</summary>
    public bool Covers(string? address, string? parcel)
    {
        if (AddressFragment is not null)
            return address is not null && VietnameseText.Fold(address).Contains(AddressFragment, StringComparison.Ordinal);
        if (parcel is null) return false;
        var pieces = parcel.Replace(" ", "", StringComparison.Ordinal).Split('/', 2);
        if (!int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sheet) || sheet != Sheet) return false;
        if (FromParcel is null) return true;
        return pieces.Length == 2 && int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= FromParcel && number <= ToParcel;
    }

    public override string ToString() => AddressFragment ?? (FromParcel is null ? $"{ParcelPrefix}{Sheet}" : $"{ParcelPrefix}{Sheet}/{FromParcel}-{ToParcel}");
}
