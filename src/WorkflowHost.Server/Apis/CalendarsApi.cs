using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Procedures.Calendars;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Apis;

/// <summary>The business calendars: which are loaded, and deadlines computed with one of them, with their explanation.</summary>
public static partial class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendars").WithTags("Calendars").RequireAuthorization().ProducesSignInProblem();
        group.MapGet("/", List).WithName("ListCalendars").WithSummary("The loaded business calendars: name, version and the years they cover.");
        group.MapGet("/{name}/deadline", ComputeDeadline).WithName("ComputeDeadline")
            .WithSummary("The deadline for a receipt at 'from' (an ISO 8601 instant with offset) given workingDays=N, workingHours=N or cutoff=HH:mm (the same-day rule), with the days skipped and why.");
        return app;
    }

    private static Ok<List<CalendarSummary>> List(CalendarSet calendars) =>
        TypedResults.Ok(calendars.Names.Select(calendars.Get).Select(c => new CalendarSummary(c.Name, c.Version, c.FirstYear, c.LastYear)).ToList());

    private static Results<Ok<Deadline>, NotFoundProblem, InvalidInputProblem> ComputeDeadline(string name, string? from, string? workingDays, string? workingHours, string? cutoff,
        CalendarSet calendars, HttpContext http) =>
        Answers.Run<Results<Ok<Deadline>, NotFoundProblem, InvalidInputProblem>>(http, () => DeadlineFor(name, from, workingDays, workingHours, cutoff, calendars),
            [404, 422], p => p.Status switch { 404 => new NotFoundProblem(p), _ => new InvalidInputProblem(p) });

    private static Ok<Deadline> DeadlineFor(string name, string? from, string? workingDays, string? workingHours, string? cutoff, CalendarSet calendars)
    {
        if (!calendars.TryGet(name, out var calendar))
            throw new NotFoundException($"There is no calendar named '{name}'; the calendars are: {string.Join(", ", calendars.Names)}.");
        var errors = new List<FieldError>();
        from = from?.Replace(' ', '+'); // an unencoded '+' of the offset arrives as a space; an instant has no spaces
        DateTimeOffset receivedAt = default;
        if (string.IsNullOrWhiteSpace(from))
            errors.Add(Field("from", "Give the instant of receipt, e.g. from=2026-02-13T10:00:00+07:00."));
        else if (!Instant().IsMatch(from) || !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out receivedAt))
            errors.Add(Field("from", $"'{Shorten(from)}' is not an ISO 8601 instant with an offset, e.g. 2026-02-13T10:00:00+07:00 or 2026-02-13T03:00:00Z."));

        var given = new[] { ("workingDays", workingDays), ("workingHours", workingHours), ("cutoff", cutoff) }.Where(p => p.Item2 is not null).ToList();
        if (given.Count != 1)
            errors.Add(Field(given.Count == 0 ? "workingDays" : given[1].Item1,
                "Give exactly one of workingDays=N, workingHours=N or cutoff=HH:mm (the same-day rule)."));
        int days = 0;
        decimal hours = 0;
        TimeOnly limit = default;
        if (workingDays is not null && !(int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out days) && days >= 1))
            errors.Add(Field("workingDays", $"'{Shorten(workingDays)}' is not a whole number of working days of at least 1."));
        if (workingHours is not null && !(decimal.TryParse(workingHours, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours) && hours > 0 && hours <= 100_000))
            errors.Add(Field("workingHours", $"'{Shorten(workingHours)}' is not a number of working hours above 0 (up to 100000), e.g. 4 or 1.5."));
        if (cutoff is not null && !TimeOnly.TryParseExact(cutoff, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out limit))
            errors.Add(Field("cutoff", $"'{Shorten(cutoff)}' is not a local time; write HH:mm, e.g. 15:00."));
        if (errors.Count > 0) throw new InvalidInputException("The deadline request is incomplete or invalid.", errors);

        try
        {
            return TypedResults.Ok(
                workingDays is not null ? calendar.AddWorkingDays(receivedAt, days)
                : workingHours is not null ? calendar.AddWorkingHours(receivedAt, hours)
                : calendar.SameDay(receivedAt, limit));
        }
        catch (ArgumentOutOfRangeException e)
        {
            // The count ran past the years the calendar's files cover: no deadline is better than a guessed one.
            throw new InvalidInputException(e.Message.Split(" (Parameter")[0], [Field("from", e.Message.Split(" (Parameter")[0])]);
        }
    }

    private static FieldError Field(string name, string message) => new(null, null, message, name);

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");

    // A date, a time and an explicit offset: an instant, not a wall-clock time whose zone the server would have to guess.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Instant();
}

/// <summary>A loaded business calendar.</summary>
/// <param name="Version">Changes whenever any of its files changes; every deadline records the version it used.</param>
public sealed record CalendarSummary(string Name, string Version, int FirstYear, int LastYear);
