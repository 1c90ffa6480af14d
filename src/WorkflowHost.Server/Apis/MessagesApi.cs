using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Messages from outside (payment confirmed, supplement received, portal callbacks).</summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", CorrelateAsync).WithTags("Messages").RequireAuthorization(Policies.Staff).ProducesRoleProblems().WithName("CorrelateMessage")
            .WithSummary("Deliver a message; correlationKey matches an instance's businessKey (required unless admin or process owner). Returns how many waits it matched.");
        return app;
    }

    private static Task<Results<Ok<MessageResult>, NotFoundProblem, ConflictProblem, InvalidInputProblem>> CorrelateAsync(MessageRequest request, ClaimsPrincipal user, MessageService messages,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<MessageResult>, NotFoundProblem, ConflictProblem, InvalidInputProblem>>(http, async () => TypedResults.Ok(await messages.CorrelateAsync(request, user.ToActor(), ct)),
            [404, 409, 422], p => p.Status switch { 404 => new NotFoundProblem(p), 409 => new ConflictProblem(p), _ => new InvalidInputProblem(p) });
}
