using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Server.Extensions;

/// <summary>A request names something that does not exist (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request conflicts with the current state: already done, or changed by someone else (409).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The signed-in user may not do this to this object (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The input is invalid; <see cref="Errors"/> names each field or BPMN element (422).</summary>
public sealed class InvalidInputException(string message, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];
}

/// <summary>One named problem in a 422 answer: a request field or a BPMN element.</summary>
public sealed record FieldError(string? ElementId, string? ElementType, string Message, string? Field = null);

/// <summary>Turns every failure into RFC 7807 problem+json with a message a person can act on.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception, context) ?? (DatabaseBusy.IsCauseOf(exception)
            ? new ProblemDetails { Status = 503, Title = "Busy", Instance = context.Request.Path,
                Detail = $"Every database connection of this node is in use; nothing was changed. Try again in {DatabaseBusy.RetryAfterSeconds} seconds." }
            : new ProblemDetails { Status = 500, Title = "Internal error", Detail = "An unexpected error occurred; it has been logged.", Instance = context.Request.Path });
        var status = problem.Status!.Value;
        if (status == 500) logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
        if (status == 503)
        {
            logger.LogWarning("{Path}: no database connection became free in time ({Message})", context.Request.Path, exception.GetBaseException().Message);
            context.Response.Headers.RetryAfter = DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The problem a failure the caller can act on stands for (4xx), with the fields or BPMN elements at fault; null for
    /// anything else. Endpoints turn these into the typed answers they declare (<c>Apis/Answers</c>); what escapes
    /// them is written by this handler, the same way.
    /// </summary>
    public static ProblemDetails? Describe(Exception exception, HttpContext context)
    {
        (int Status, string Title, string Detail)? known = exception switch
        {
            NotFoundException e => (404, "Not found", e.Message),
            ConflictException e => (409, "Conflict", e.Message),
            ForbiddenException e => (403, "Forbidden", e.Message),
            InvalidInputException e => (422, "Invalid input", e.Message),
            MigrationException e => (422, "Migration not possible", e.Message),
            Procedures.Dossiers.DossierCodeExhaustedException e => (409, "No dossier code left today", e.Message),
            EngineCommandException { Refusal: CommandRefusal.NotFound } e => (404, "Not found", e.Message),
            EngineCommandException { Refusal: CommandRefusal.InvalidState } e => (409, "Conflict", e.Message),
            EngineCommandException e => (422, "Invalid input", e.Message),
            DbUpdateConcurrencyException => (409, "Conflict", "Someone else changed this instance at the same time; reload and try again."),
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed JSON", DescribeJson(json)),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            JsonException json => (400, "Malformed JSON", DescribeJson(json)),
            _ => null,
        };
        if (known is not { } k) return null;
        var problem = new ProblemDetails { Status = k.Status, Title = k.Title, Detail = k.Detail, Instance = context.Request.Path };
        if (exception is InvalidInputException { Errors.Count: > 0 } invalid)
            problem.Extensions["errors"] = invalid.Errors.Select(e => new { elementId = e.ElementId, elementType = e.ElementType, field = e.Field, message = e.Message }).ToList();
        else if (exception is EngineCommandException { Field: { } field } refused)
            problem.Extensions["errors"] = new[] { new { elementId = (string?)null, elementType = (string?)null, field = (string?)field, message = refused.Message } };
        return problem;
    }

    private static string DescribeJson(JsonException json)
    {
        var where = json.Path is { Length: > 0 } path ? $" at '{path}'" : "";
        // System.Text.Json names CLR types in conversion errors; a caller needs the field and the expected kind instead.
        return json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"The value{where} has the wrong type (for example a number where text is expected)."
            : $"The request body is not valid JSON{where}: {json.Message.Split(" Path:")[0]}";
    }
}
