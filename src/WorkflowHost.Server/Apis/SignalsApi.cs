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
        app.MapPost("/api/signals", BroadcastAsync).WithTags("Signals").RequireAuthorization(Policies.ProcessOwner).WithName("BroadcastSignal")
            .WithSummary("Broadcast a signal to every instance waiting for it (a process owner's reaches the procedures they own); delivered in the background.");
        app.MapGet("/api/outbox", ListAsync).WithTags("Signals").RequireAuthorization(Policies.ProcessOwner).WithName("ListOutbox")
            .WithSummary("Thrown messages and signals with their delivery status (pending, done, undeliverable), newest first.");
        app.MapPost("/api/outbox/{id:long}/retry", RetryAsync).WithTags("Signals").RequireAuthorization(Policies.ProcessOwner).WithName("RetryOutbox")
            .WithSummary("Deliver an undeliverable message or signal again; instances it already reached are not reached twice.");
        return app;
    }

    private static async Task<Accepted<SignalAccepted>> BroadcastAsync(SignalRequest request, ClaimsPrincipal user, SignalService signals, CancellationToken ct)
    {
        var accepted = await signals.BroadcastAsync(request, user.ToActor(), ct);
        return TypedResults.Accepted($"/api/outbox?id={accepted.OutboxId}", accepted);
    }

    private static async Task<Ok<IReadOnlyList<OutboxItem>>> ListAsync(string? status, ClaimsPrincipal user, SignalService signals, CancellationToken ct) =>
        TypedResults.Ok(await signals.ListAsync(status, user.ToActor(), ct));

    private static async Task<Ok<OutboxItem>> RetryAsync(long id, ClaimsPrincipal user, SignalService signals, CancellationToken ct) =>
        TypedResults.Ok(await signals.RetryAsync(id, user.ToActor(), ct));
}
