using System.Net;
using System.Text.Json.Nodes;
using WorkflowHost.Server.Tests.Infrastructure;

namespace WorkflowHost.Server.Tests.Specification;

/// <summary>Deadlines over HTTP on the shipped vn-government calendar: what the reception desk shows before confirming.</summary>
public abstract class CalendarsApiTestBase<TFixture> : IClassFixture<TFixture> where TFixture : ApiFixture
{
    protected CalendarsApiTestBase(TFixture fixture)
    {
        Fixture = fixture;
        // The fixture's workflows folder is empty and the host reads <workflows>/calendars on first use: put the real
        // shipped files there before any calendar request.
        var target = Path.Combine(fixture.Root, "workflows", "calendars", "vn-government");
        if (Directory.Exists(target)) return;
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(Shipped(), "vn-government"), "*.json"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    protected TFixture Fixture { get; }

    private static string Shipped()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "workflows", "calendars"))) return Path.Combine(dir.FullName, "workflows", "calendars");
        throw new DirectoryNotFoundException("workflows/calendars was not found above the test assembly.");
    }

    private static string DeadlineUrl(string query) => "/api/calendars/vn-government/deadline?" + query;

    [Fact]
    public virtual async Task Deadline_ReturnsDueDateVersionAndSkippedTetDays_WhenCountingWorkingDaysFromTheFridayBeforeTet()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");
        var calendars = await reception.GetAsync<JsonArray>("/api/calendars");
        var version = calendars.Single(c => c!["name"]!.GetValue<string>() == "vn-government")!["version"]!.GetValue<string>();

        var deadline = await reception.GetAsync<JsonObject>(DeadlineUrl("from=" + Uri.EscapeDataString("2026-02-13T10:00:00+07:00") + "&workingDays=3"));

        Assert.Equal(new DateTimeOffset(2026, 2, 25, 17, 0, 0, TimeSpan.FromHours(7)), deadline["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(("vn-government", version), (deadline["calendar"]!.GetValue<string>(), deadline["calendarVersion"]!.GetValue<string>()));
        var steps = deadline["explanation"]!.AsArray().Select(s => (Day: s!["day"]!.GetValue<string>(), Kind: s["kind"]!.GetValue<string>(), Reason: s["reason"]!.GetValue<string>())).ToList();
        Assert.Equal(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"], steps.Where(s => s.Kind == "holiday").Select(s => s.Day));
        Assert.All(steps.Where(s => s.Kind == "holiday"), s => Assert.Contains("Tết Bính Ngọ", s.Reason));
        Assert.Equal(("2026-02-25", "counted", "working day 3 of 3"), steps[^1]);
    }

    [Fact]
    public virtual async Task StartInstance_GivesTheTaskTheWorkingDayDueDate_WhenTheTaskSaysWhWorkingDays()
    {
        var key = Bpmn.NewKey("working-days");
        var xml = Bpmn.OneTask(key).Replace("camunda:candidateGroups=", "wh:workingDays=\"2\" camunda:candidateGroups=")
            .Replace("<definitions ", "<definitions xmlns:wh=\"https://workflowhost.vn/schema/bpmn/1.0\" ");
        await (await Fixture.AsAsync("owner")).DeployAsync(xml);
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var started = await (await Fixture.AsAsync("admin")).StartAsync(key, Bpmn.NewBusinessKey());

        // Runs on the real clock, so the expectation comes from the deadline endpoint for the task's creation instant
        // (both count in the shipped files, which end in 2027).
        var task = Assert.Single(await reception.TasksAsync(started.Id));
        var expected = await reception.GetAsync<JsonObject>(DeadlineUrl("from=" + Uri.EscapeDataString(task.CreatedAt.ToString("O")) + "&workingDays=2"));
        Assert.Equal(expected["dueAt"]!.GetValue<DateTimeOffset>(), task.DueAt);
        Assert.Equal(new TimeOnly(17, 0), TimeOnly.FromDateTime(task.DueAt!.Value.ToOffset(TimeSpan.FromHours(7)).DateTime));
    }

    [Fact]
    public virtual async Task Deadline_IsDueMonday_WhenReceivedFridayAfterTheCutoff()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");

        // Unencoded '+' arrives as a space; the host reads it as the offset's sign.
        var deadline = await reception.GetAsync<JsonObject>(DeadlineUrl("from=2026-03-13T15:20:00+07:00&cutoff=15:00"));

        Assert.Equal(new DateTimeOffset(2026, 3, 16, 17, 0, 0, TimeSpan.FromHours(7)), deadline["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("cutoff", deadline["explanation"]![0]!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("workingDays=3", "from")]
    [InlineData("from=2026-03-10T10:00:00&workingDays=3", "from")]
    [InlineData("from=2026-03-10T10:00:00Z&workingDays=three", "workingDays")]
    [InlineData("from=2026-03-10T10:00:00Z", "workingDays")]
    [InlineData("from=2026-03-10T10:00:00Z&workingDays=3&workingHours=2", "workingHours")]
    [InlineData("from=2026-03-10T10:00:00Z&cutoff=3pm", "cutoff")]
    [InlineData("from=2027-12-30T10:00:00Z&workingDays=5", "from")]
    public virtual async Task Deadline_Returns422NamingTheParameter_WhenAParameterIsMissingOrInvalid(string query, string field)
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var problem = await ApiClient.ProblemAsync(await reception.Http.GetAsync(DeadlineUrl(query)), (HttpStatusCode)422);

        Assert.Contains(field, problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
    }

    [Fact]
    public virtual async Task Deadline_Returns404_WhenTheCalendarIsUnknown()
    {
        var reception = await Fixture.AsAsync("reception.hai-chau");

        var problem = await ApiClient.ProblemAsync(await reception.Http.GetAsync("/api/calendars/vn-bank/deadline?from=2026-03-10T10:00:00Z&workingDays=1"), HttpStatusCode.NotFound);

        Assert.Contains("vn-government", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public virtual async Task Calendars_Returns401_WhenNotSignedIn()
    {
        using var anonymous = Fixture.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/calendars")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync(DeadlineUrl("from=2026-03-10T10:00:00Z&workingDays=1"))).StatusCode);
    }
}
