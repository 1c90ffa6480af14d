using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Server.Notifications;
using WorkflowHost.Server.Services;

namespace WorkflowHost.Server.Apis;

/// <summary>The bell: the caller's own notifications (reminders, breaches of their unit) and marking them read.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization().ProducesSignInProblem();
        group.MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("The caller's notifications, unread first then newest, with the unread count. Live: SignalR hub /hubs/notifications, method 'notification'.");
        group.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Mark one of the caller's notifications read (404 if not theirs).");
        group.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead");
        app.MapHub<NotificationsHub>(NotificationsHub.Path);
        return app;
    }

    private static Task<Results<Ok<NotificationList>, InvalidInputProblem>> ListAsync(int? limit, ClaimsPrincipal user, NotificationService notifications,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<NotificationList>, InvalidInputProblem>>(http,
            async () => TypedResults.Ok(await notifications.ListAsync(user.ToActor().UserName, RequestLimits.Page(limit ?? 50, null).Limit, ct)),
            [422], p => new InvalidInputProblem(p));

    private static Task<Results<Ok<NotificationView>, NotFoundProblem>> MarkReadAsync(long id, ClaimsPrincipal user, NotificationService notifications,
        HttpContext http, CancellationToken ct) =>
        Answers.RunAsync<Results<Ok<NotificationView>, NotFoundProblem>>(http,
            async () => TypedResults.Ok(await notifications.MarkReadAsync(user.ToActor().UserName, id, ct)), [404], p => new NotFoundProblem(p));

    private static async Task<Ok<MarkedRead>> MarkAllReadAsync(ClaimsPrincipal user, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok(new MarkedRead(await notifications.MarkAllReadAsync(user.ToActor().UserName, ct)));

    /// <summary>How many notifications were marked read.</summary>
    public sealed record MarkedRead(int Count);
}
