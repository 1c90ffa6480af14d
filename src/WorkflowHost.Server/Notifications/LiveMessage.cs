using WorkflowHost.Server.Reminders;

namespace WorkflowHost.Server.Notifications;

/// <summary>One live message: a client method and its one argument, for the connections of one SignalR group.</summary>
public sealed record LiveMessage(string Group, string Method, object Payload)
{
    public const string NotificationMethod = "notification";
    public const string BreachMethod = "breach";

    /// <summary>
    /// What a fired reminder tells whom: each notification to its recipient's connections, and a breach to the
    /// connections of the step's unit (the SLA dashboard's live list).
    /// </summary>
    public static IReadOnlyList<LiveMessage> Of(FiredReminder fired)
    {
        var messages = fired.Notifications
            .Select(note => new LiveMessage(NotificationsHub.UserGroup(note.Recipient), NotificationMethod, NotificationView.Of(note)))
            .ToList();
        if (fired.Breach is { UnitCode: { } unit } breach) messages.Add(new LiveMessage(NotificationsHub.UnitGroup(unit), BreachMethod, breach));
        return messages;
    }
}
