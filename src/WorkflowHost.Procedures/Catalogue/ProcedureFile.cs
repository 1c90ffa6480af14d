using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkflowHost.Procedures.Catalogue;

/// <summary>Reads one procedure version from its JSON file (fields documented in <c>workflows/procedures/README.md</c>).</summary>
internal static partial class ProcedureFile
{
    private static readonly Dictionary<string, CompetentLevel> Levels = new(StringComparer.Ordinal)
    {
        ["commune"] = CompetentLevel.Commune,
        ["district"] = CompetentLevel.District,
        ["province"] = CompetentLevel.Province,
        ["central"] = CompetentLevel.Central,
    };

    private static readonly Dictionary<string, TimeLimitKind> LimitKinds = new(StringComparer.Ordinal)
    {
        ["same-day"] = TimeLimitKind.SameDay,
        ["working-days"] = TimeLimitKind.WorkingDays,
        ["working-hours"] = TimeLimitKind.WorkingHours,
    };

    private static readonly Dictionary<string, FeeMoment> Moments = new(StringComparer.Ordinal)
    {
        ["at-receipt"] = FeeMoment.AtReceipt,
        ["at-supplement"] = FeeMoment.AtSupplement,
        ["at-return"] = FeeMoment.AtReturn,
    };

    /// <exception cref="CatalogueDataException">The file is not valid JSON or a field is missing or wrong.</exception>
    public static Procedure Read(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            // JsonReaderException's own message already carries line and byte; keep it for the maintainer.
            throw new CatalogueDataException(file, string.IsNullOrEmpty(e.Path) ? "$" : e.Path,
                $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
        catch (IOException e)
        {
            throw new CatalogueDataException(file, "$", $"the file cannot be read: {e.Message}");
        }

        using (document)
        {
            return ReadProcedure(JsonFields.Of(file, document.RootElement, "$"));
        }
    }

    private static Procedure ReadProcedure(JsonFields json)
    {
        var code = json.RequiredString("code");
        if (!ProcedureCode().IsMatch(code))
            throw json.Fail("code", $"'{code}' is not a national procedure code (digits and dots, e.g. 1.000894)");
        var codeIllustrative = json.OptionalBool("codeIllustrative", whenAbsent: false);
        var version = json.RequiredInt("version", min: 1);
        var name = json.RequiredString("name");
        var nameEn = json.OptionalString("nameEn");
        var field = json.RequiredString("field");
        var level = json.RequiredWord("competentLevel", Levels);
        var timeLimit = ReadTimeLimit(json.RequiredObject("timeLimit"));
        var fees = json.RequiredArray("fees", ReadFee);
        var documents = json.RequiredArray("requiredDocuments", ReadDocument);
        var duplicate = documents.GroupBy(d => d.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw json.Fail($"requiredDocuments[{documents.FindLastIndex(d => d.Code == duplicate.Key)}].code",
                $"document code '{duplicate.Key}' is used twice in this procedure");
        var boundaryIndependent = json.RequiredBool("boundaryIndependent");
        var processKey = json.RequiredString("processKey");
        if (!ProcessKey().IsMatch(processKey))
            throw json.Fail("processKey", $"'{processKey}' is not a process key (lower-case letters, digits and dashes)");
        var validFrom = json.RequiredDate("validFrom");
        var validTo = json.OptionalDate("validTo");
        if (validTo < validFrom) throw json.Fail("validTo", $"{validTo:yyyy-MM-dd} is before validFrom {validFrom:yyyy-MM-dd}");
        var legalBasis = json.OptionalString("legalBasis");
        var note = json.OptionalString("note");
        var reminders = json.OptionalObject("reminders") is { } r ? ReadReminders(r) : null;
        json.RefuseUnknown();
        return new Procedure(code, version, name, nameEn, field, level, timeLimit, fees, documents, boundaryIndependent,
            processKey, validFrom, validTo, legalBasis, codeIllustrative, note, reminders);
    }

    private static TimeLimit ReadTimeLimit(JsonFields json)
    {
        var kind = json.RequiredWord("kind", LimitKinds);
        var value = json.RequiredDecimal("value");
        var cutoff = json.OptionalTime("cutoff");
        var note = json.OptionalString("note");
        json.RefuseUnknown();
        if (kind == TimeLimitKind.SameDay && value != 0)
            throw json.Fail("value", $"a same-day limit has value 0, not {value}; put a longer conditional limit in the note");
        if (kind != TimeLimitKind.SameDay && value <= 0)
            throw json.Fail("value", $"a limit in working days or hours must be positive, not {value}");
        if (kind != TimeLimitKind.SameDay && cutoff is not null)
            throw json.Fail("cutoff", "only a same-day limit has a cut-off time");
        return new TimeLimit(kind, value, cutoff, note);
    }

    private static Reminders.ReminderPolicy ReadReminders(JsonFields json)
    {
        var defaults = Reminders.ReminderPolicy.Default;
        var before = json.OptionalInt("beforeDueWorkingDays", min: 0, max: 30) ?? defaults.BeforeDueWorkingDays;
        var atDue = json.OptionalBool("atDue", whenAbsent: defaults.AtDue);
        var escalate = json.OptionalBool("escalate", whenAbsent: defaults.Escalate);
        json.RefuseUnknown();
        return new Reminders.ReminderPolicy(before, atDue, escalate);
    }

    private static Fee ReadFee(JsonFields json)
    {
        var name = json.RequiredString("name");
        var amount = json.RequiredDecimal("amount");
        // The đồng has no minor unit in use; a fraction is a typo, as is a negative fee.
        if (amount < 0 || amount != decimal.Truncate(amount))
            throw json.Fail("amount", $"{amount} is not a whole, non-negative number of đồng");
        var moment = json.RequiredWord("moment", Moments);
        json.RefuseUnknown();
        return new Fee(name, amount, moment);
    }

    private static RequiredDocument ReadDocument(JsonFields json)
    {
        var code = json.RequiredString("code");
        var name = json.RequiredString("name");
        var copies = json.RequiredInt("copies", min: 1);
        var required = json.RequiredBool("required");
        var note = json.OptionalString("note");
        json.RefuseUnknown();
        return new RequiredDocument(code, name, copies, required, note);
    }

    [GeneratedRegex(@"^\d+(\.[0-9A-Z]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureCode();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessKey();
}
