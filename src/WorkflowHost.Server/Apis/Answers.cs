using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Apis;

/// <summary>
/// Runs an endpoint's work and turns the failures services raise (<see cref="NotFoundException"/>, engine refusals,
/// ...) into the typed problem answers the endpoint declares in its <c>Results&lt;...&gt;</c>, so OpenAPI lists every
/// answer and the answer is the declared one. A failure whose status the endpoint does not declare is not swallowed:
/// it reaches <see cref="ProblemExceptionHandler"/>, which writes the same problem.
/// </summary>
internal static class Answers
{
    /// <param name="declared">The problem statuses the endpoint declares.</param>
    /// <param name="problem">Makes the declared answer for a problem of one of those statuses.</param>
    public static async Task<TAnswer> RunAsync<TAnswer>(HttpContext http, Func<Task<TAnswer>> work, int[] declared, Func<ProblemDetails, TAnswer> problem)
        where TAnswer : IResult
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (ProblemExceptionHandler.Describe(e, http) is { Status: { } status } details && declared.Contains(status))
        {
            return problem(details);
        }
    }

    /// <summary>The same for work that needs no awaiting (checks of query parameters, calculations).</summary>
    public static TAnswer Run<TAnswer>(HttpContext http, Func<TAnswer> work, int[] declared, Func<ProblemDetails, TAnswer> problem) where TAnswer : IResult
    {
        try
        {
            return work();
        }
        catch (Exception e) when (ProblemExceptionHandler.Describe(e, http) is { Status: { } status } details && declared.Contains(status))
        {
            return problem(details);
        }
    }
}

/// <summary>The answers the authorization middleware gives before an endpoint runs, declared so OpenAPI lists them.</summary>
internal static class SignInAnswers
{
    private static ProducesResponseTypeMetadata Problem(int status) => new(status, typeof(ProblemDetails), ["application/problem+json"]);

    /// <summary>401 for a caller who is not signed in.</summary>
    public static TBuilder ProducesSignInProblem<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Problem(StatusCodes.Status401Unauthorized));

    /// <summary>401, and 403 for a signed-in caller whose roles the endpoint's policy does not admit.</summary>
    public static TBuilder ProducesRoleProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Problem(StatusCodes.Status401Unauthorized), Problem(StatusCodes.Status403Forbidden));
}
