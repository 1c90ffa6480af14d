using WorkflowHost.Procedures.Calendars;
using static WorkflowHost.Procedures.Tests.Calendars.ShippedCalendars;

namespace WorkflowHost.Procedures.Tests.Calendars;

/// <summary>Loading calendar files: the shipped ones, versions, and refusals that say where and what.</summary>
public sealed class CalendarFileTests : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("wfh-calendars-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    /// <summary>A copy of the shipped calendars in a temporary directory; returns the vn-government folder.</summary>
    private string CopyShipped()
    {
        var target = System.IO.Directory.CreateDirectory(Path.Combine(_root, "vn-government")).FullName;
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(ShippedCalendars.Directory, "vn-government")))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    [Fact]
    public void Load_FindsTheGovernmentCalendarFor2025To2027_WhenGivenTheShippedDirectory()
    {
        var calendar = All.Get(CalendarSet.Default);

        Assert.Contains("vn-government", All.Names);
        Assert.Equal((2025, 2027), (calendar.FirstYear, calendar.LastYear));
        Assert.Equal([new OfficeSession(new(7, 30), new(11, 30)), new OfficeSession(new(13, 0), new(17, 0))], calendar.OfficeHoursOn(new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void Load_GivesTheSameVersion_WhenTheFilesAreUnchanged()
    {
        CopyShipped();

        Assert.Equal(Government.Version, CalendarSet.Load(_root).Get("vn-government").Version);
    }

    [Fact]
    public void Load_GivesANewVersionAndTheNewDayOff_WhenAHolidayIsAnnouncedLate()
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, "2026.json");
        // The proposed swap of Mon 23/11/2026, announced after all.
        File.WriteAllText(file, File.ReadAllText(file).Replace(
            "\"swappedDaysOff\": [",
            "\"swappedDaysOff\": [\n    { \"date\": \"2026-11-23\", \"name\": \"Swapped day off\", \"source\": \"a late notice\" },"));

        var changed = CalendarSet.Load(_root).Get("vn-government");

        Assert.NotEqual(Government.Version, changed.Version);
        Assert.True(Government.IsWorkingDay(new DateOnly(2026, 11, 23)));
        Assert.False(changed.IsWorkingDay(new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void Load_NamesTheGovernmentCalendarInBothLanguages_FromItsCalendarFile()
    {
        Assert.Equal(new CalendarTitle("Lịch làm việc cơ quan nhà nước", "Vietnamese government working calendar"), Government.Title);
    }

    [Fact]
    public void Load_KeepsTheVersion_WhenOnlyTheDisplayNameChanges()
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, CalendarTitle.FileName);
        File.WriteAllText(file, File.ReadAllText(file).Replace("Lịch làm việc cơ quan nhà nước", "Lịch làm việc hành chính"));

        var renamed = CalendarSet.Load(_root).Get("vn-government");

        Assert.Equal("Lịch làm việc hành chính", renamed.Title.Vi);
        Assert.Equal(Government.Version, renamed.Version); // a new label does not make computed deadlines look stale
    }

    [Theory]
    [InlineData("""{ "calendar": "vn-government", "displayName": { "vi": "Lịch" } }""", "$.displayName", "\"en\" is missing")]
    [InlineData("""{ "calendar": "vn-government", "displayName": { "vi": " ", "en": "Calendar" } }""", "$.displayName.vi", "\"vi\" is missing")]
    [InlineData("""{ "calendar": "other", "displayName": { "vi": "Lịch", "en": "Calendar" } }""", "$.calendar", "folder's name")]
    [InlineData("""{ "calendar": "vn-government" }""", "$", "\"displayName\" is missing")]
    [InlineData("""{ "calendar": "vn-government", "displayName": { "vi": "Lịch", "en": "Calendar" }, "colour": "red" }""", "$.colour", "Unknown property")]
    public void Load_RefusesTheCalendarFile_NamingThePathAndTheFault(string json, string path, string problem)
    {
        var folder = CopyShipped();
        File.WriteAllText(Path.Combine(folder, CalendarTitle.FileName), json);

        var error = Assert.Throws<CalendarDataException>(() => CalendarSet.Load(_root));

        Assert.EndsWith(CalendarTitle.FileName, error.File);
        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void AddWorkingDays_SaysTheSaturdayDeskReceivedIt_WhenTheCalendarOpensSaturdayMornings()
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, "2026.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"saturdayReception\": null", "\"saturdayReception\": { \"from\": \"07:30\", \"to\": \"11:30\" }"));
        var commune = CalendarSet.Load(_root).Get("vn-government");

        var deadline = commune.AddWorkingDays(Vn(2026, 3, 14, 9, 0), 1);

        // Still counted as received on Monday: the desk being open does not start the clock (holidays-vn.md).
        Assert.Equal(Vn(2026, 3, 17, 17, 0), deadline.DueAt);
        Assert.Equal("Saturday; received on a rest day (Saturday-morning reception), counted as received the next working day", deadline.Explanation[0].Reason);
        Assert.Equal(new OfficeSession(new(7, 30), new(11, 30)), commune.SaturdayReception(new DateOnly(2026, 3, 14)));
        Assert.Null(Government.SaturdayReception(new DateOnly(2026, 3, 14)));
    }

    [Theory]
    [InlineData("\"2026-04-27\"", "\"2026-04-26\"", "$.holidays[2].date", "is a Sunday, already a rest day")]
    [InlineData("\"2026-11-24\"", "\"2027-11-24\"", "$.holidays[6].date", "is not in 2026")]
    [InlineData("\"2026-01-10\"", "\"2026-01-09\"", "$.makeUpWorkingDays[0].date", "already a working day")]
    [InlineData("\"2026-08-31\"", "\"2026-09-01\"", "$.swappedDaysOff[1]", "2026-09-01 is already listed at $.holidays[5]")]
    [InlineData("{ \"from\": \"13:00\"", "{ \"from\": \"11:00\"", "$.officeHours[1]", "starts before the previous one")]
    [InlineData("\"to\": \"17:00\"", "\"to\": \"5pm\"", "$.officeHours[1].to", "\"5pm\" is not a time of day")]
    [InlineData("\"Sunday\"", "\"Sonntag\"", "$.weekend[1]", "not a day of the week")]
    [InlineData("\"year\": 2026", "\"year\": 2025", "$.year", "is named 2026.json")]
    [InlineData("\"timeZone\": \"Asia/Ho_Chi_Minh\"", "\"timeZone\": \"Asia/Saigon City\"", "$.timeZone", "not a time zone")]
    [InlineData("\"saturdayReception\"", "\"saturdayReceptionn\"", "$.saturdayReceptionn", "Unknown property")]
    public void Load_RefusesWithFileLineAndPath_WhenAYearFileIsInvalid(string find, string replace, string path, string problem)
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, "2026.json");
        var text = File.ReadAllText(file);
        Assert.Contains(find, text);
        var broken = ReplaceFirst(text, find, replace);
        File.WriteAllText(file, broken);
        var line = text[..text.IndexOf(find, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<CalendarDataException>(() => CalendarSet.Load(_root));

        Assert.Equal(file, error.File);
        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Problem);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{file} line {line} ({path}): ", error.Message);
    }

    [Fact]
    public void Load_RefusesWithTheLine_WhenTheJsonIsMalformed()
    {
        var folder = CopyShipped();
        var file = Path.Combine(folder, "2027.json");
        var text = File.ReadAllText(file);
        File.WriteAllText(file, ReplaceFirst(text, "\"year\": 2027,", "\"year\": 2027"));

        var error = Assert.Throws<CalendarDataException>(() => CalendarSet.Load(_root));

        Assert.Equal(file, error.File);
        Assert.Equal(4, error.Line); // the property after the missing comma
    }

    [Fact]
    public void Load_Refuses_WhenAYearIsMissingBetweenTwoOthers()
    {
        var folder = CopyShipped();
        File.Delete(Path.Combine(folder, "2026.json"));

        var error = Assert.Throws<CalendarDataException>(() => CalendarSet.Load(_root));

        Assert.EndsWith("2027.json", error.File);
        Assert.Contains("2026.json is missing", error.Problem);
    }

    [Fact]
    public void Load_Refuses_WhenAJsonFileIsNotNamedAfterItsYear()
    {
        var folder = CopyShipped();
        File.Copy(Path.Combine(folder, "2027.json"), Path.Combine(folder, "2027-draft.json"));

        Assert.EndsWith("2027-draft.json", Assert.Throws<CalendarDataException>(() => CalendarSet.Load(_root)).File);
    }

    [Fact]
    public void Get_ThrowsNamingTheCalendars_WhenTheNameIsUnknown()
    {
        Assert.False(All.TryGet("vn-bank", out _));
        Assert.Contains("vn-government", Assert.Throws<KeyNotFoundException>(() => All.Get("vn-bank")).Message);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
