using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Extensions;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>Messages from outside (payment confirmed, supplement received, portal callbacks).</summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", CorrelateAsync).WithTags("Messages").RequireAuthorization(Policies.Staff).WithName("CorrelateMessage")
            .WithSummary("Deliver a message; correlationKey matches an instance's businessKey (required unless admin or process owner). Returns how many waits it matched.");
        return app;
    }

    private static async Task<Ok<MessageResult>> CorrelateAsync(MessageRequest request, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        TypedResults.Ok(await messages.CorrelateAsync(request, user.ToActor(), ct));
}
