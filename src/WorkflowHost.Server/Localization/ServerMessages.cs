namespace WorkflowHost.Server.Localization;

/// <summary>
/// Messages the service answers to staff at work (the desk's receipt errors, task commands): the English text is the
/// key, <c>ServerMessages.vi.resx</c> holds the Vietnamese. The request's UI culture (Accept-Language; the web app sends
/// the language the user chose) picks one; API clients that do not ask get English.
/// </summary>
public sealed class ServerMessages
{
    /// <summary>A portal status's name in the request's UI language (the status table has both).</summary>
    public static string StatusName(int status) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi"
            ? Procedures.Dossiers.DossierStatus.NameVi(status)
            : Procedures.Dossiers.DossierStatus.NameEn(status);
}
