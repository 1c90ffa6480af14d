using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Signals broadcast from outside, and the outbox of thrown messages and signals with its retry.</summary>
public static class SignalsApi
{
    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/signals", BroadcastAsync).WithTags("Signals").RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems().WithName("BroadcastSignal")
            .WithSummary("Broadcast a signal to every instance waiting for it (a process owner's reaches the procedures they own); delivered in the background.");
        app.MapGet("/api/outbox", ListAsync).WithTags("Signals").RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems().WithName("ListOutbox")
            .WithSummary("Thrown messages and signals with their delivery status (pending, done, undeliverable), newest first.");
        app.MapPost("/api/outbox/{id:long}/retry", RetryAsync).WithTags("Signals").RequireAuthorization(Policies.ProcessOwner).ProducesRoleProblems().WithName("RetryOutbox")
            .WithSummary("Deliver an undeliverable message or signal again; instances it already reached are not reached twice.");
        return app;
    }

    private static Task<Results<Accepted<SignalAccepted>, InvalidInputProblem>> BroadcastAsync(SignalRequest request, ClaimsPrincipal user, SignalService signals,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Accepted<SignalAccepted>, InvalidInputProblem>>(http, async () =>
        {
            var accepted = await signals.BroadcastAsync(request, user.ToActor(), ct);
            return TypedResults.Accepted($"/api/outbox?id={accepted.OutboxId}", accepted);
        }, [422], p => new InvalidInputProblem(p));

    private static async Task<Ok<IReadOnlyList<OutboxItem>>> ListAsync(string? status, ClaimsPrincipal user, SignalService signals, CancellationToken ct) =>
        TypedResults.Ok(await signals.ListAsync(status, user.ToActor(), ct));

    private static Task<Results<Ok<OutboxItem>, NotFoundProblem, ConflictProblem>> RetryAsync(long id, ClaimsPrincipal user, SignalService signals,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<OutboxItem>, NotFoundProblem, ConflictProblem>>(http, async () => TypedResults.Ok(await signals.RetryAsync(id, user.ToActor(), ct)),
            [404, 409], p => p.Status == 404 ? new NotFoundProblem(p) : new ConflictProblem(p));
}
