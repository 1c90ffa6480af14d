using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using WorkflowHost.Server.Apis;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// Live notifications at <c>/hubs/notifications</c> for signed-in people (session cookie, or a bearer token, which
/// browsers' WebSocket API can only pass as <c>?access_token=</c>). Each connection joins <c>user:{name}</c> and
/// <c>unit:{code}</c> of each unit the person works for; the server sends <c>notification</c> to a person and
/// <c>breach</c> to a unit. Clients only listen: the hub has no methods to call.
/// </summary>
[Authorize]
public sealed class NotificationsHub(LiveConnections live) : Hub
{
    public const string Path = "/hubs/notifications";

    public static string UserGroup(string userName) => $"user:{userName}";

    public static string UnitGroup(string unitCode) => $"unit:{unitCode}";

    public override async Task OnConnectedAsync()
    {
        var actor = Context.User!.ToActor();
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(actor.UserName));
        foreach (var unit in actor.Units) await Groups.AddToGroupAsync(Context.ConnectionId, UnitGroup(unit));
        live.Add(actor.UserName, Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.Remove(Context.User!.ToActor().UserName, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
