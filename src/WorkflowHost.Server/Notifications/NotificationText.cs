using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Notifications;

/// <summary>
/// The words of a notification for e-mail, Vietnamese first and English after it (a recipient's language is not
/// known to the server; the web app words the same facts from its own message files).
/// </summary>
public static class NotificationText
{
    public static string Subject(NotificationEntity n) => n.Kind switch
    {
        NotificationKind.DueSoon => $"[Sắp đến hạn / Due soon] {n.DossierCode} — {n.Step}",
        NotificationKind.DueNow => $"[Đến hạn / Due now] {n.DossierCode} — {n.Step}",
        _ => $"[Quá hạn / Overdue] {n.DossierCode} — {n.Step}",
    };

    public static string Body(NotificationEntity n, TimeZoneInfo zone, string? appUrl)
    {
        var due = n.DueAt is { } d ? TimeZoneInfo.ConvertTime(d, zone).ToString("HH:mm dd/MM/yyyy") : "—";
        var (vi, en) = n.Kind switch
        {
            NotificationKind.DueSoon => ($"Bước \"{n.Step}\" của hồ sơ {n.DossierCode} sẽ đến hạn lúc {due}.",
                $"Step \"{n.Step}\" of dossier {n.DossierCode} is due at {due}."),
            NotificationKind.DueNow => ($"Bước \"{n.Step}\" của hồ sơ {n.DossierCode} đã đến hạn lúc {due}.",
                $"Step \"{n.Step}\" of dossier {n.DossierCode} reached its due time, {due}."),
            _ => ($"Bước \"{n.Step}\" của hồ sơ {n.DossierCode} (đơn vị {n.UnitCode}) đã quá hạn từ {due}.",
                $"Step \"{n.Step}\" of dossier {n.DossierCode} (unit {n.UnitCode}) is overdue since {due}."),
        };
        var link = string.IsNullOrWhiteSpace(appUrl) || n.DossierCode is null ? "" : $"\n\n{appUrl.TrimEnd('/')}/#/dossiers/{Uri.EscapeDataString(n.DossierCode)}";
        return $"{vi}\n\n{en}{link}\n";
    }
}
