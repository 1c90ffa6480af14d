namespace WorkflowHost.Procedures.Text;

/// <summary>
/// Text as a search box compares it: lower case, without Vietnamese diacritics (đ becomes d), single spaces. Staff
/// type "nguyen van an" for "Nguyễn Văn An" and papers spell names with and without marks. The folding itself is the
/// catalogue's (<see cref="Catalogue.SearchText"/>), so a procedure and a dossier are found by the same rule.
/// </summary>
public static class VietnameseText
{
    public static string Fold(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : string.Join(' ', Catalogue.SearchText.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
