using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace WorkflowHost.Server.Apis;

/// <summary>
/// A problem answer an endpoint declares in its <c>Results&lt;...&gt;</c>: written as <c>application/problem+json</c>
/// through the problem details service (as the exception handler writes them), and declared to OpenAPI as such.
/// ASP.NET Core's <c>NotFound&lt;ProblemDetails&gt;</c> and kin send and declare plain <c>application/json</c>, and
/// it has no typed 403 with a body at all.
/// </summary>
public abstract class ProblemAnswer(ProblemDetails problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Value { get; } = problem;
    object? IValueHttpResult.Value => Value;
    public abstract int? StatusCode { get; }

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>403: the caller may see the object but not do this to it.</summary>
public sealed class ForbiddenProblem(ProblemDetails problem) : ProblemAnswer(problem), IEndpointMetadataProvider
{
    public override int? StatusCode => StatusCodes.Status403Forbidden;
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status403Forbidden);
}

/// <summary>404: unknown, or outside the caller's scope (answered alike).</summary>
public sealed class NotFoundProblem(ProblemDetails problem) : ProblemAnswer(problem), IEndpointMetadataProvider
{
    public override int? StatusCode => StatusCodes.Status404NotFound;
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: already done, or changed by someone else meanwhile.</summary>
public sealed class ConflictProblem(ProblemDetails problem) : ProblemAnswer(problem), IEndpointMetadataProvider
{
    public override int? StatusCode => StatusCodes.Status409Conflict;
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}

/// <summary>422: input refused, naming each field or BPMN element at fault.</summary>
public sealed class InvalidInputProblem(ProblemDetails problem) : ProblemAnswer(problem), IEndpointMetadataProvider
{
    public override int? StatusCode => StatusCodes.Status422UnprocessableEntity;
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}
