using System.Globalization;
using System.Text;

namespace WorkflowHost.Procedures.Catalogue;

/// <summary>
/// Folds Vietnamese text for searching as clerks type it: lower case, tone and vowel marks removed, đ read as d
/// ("Đăng ký kết hôn" → "dang ky ket hon"), split into words at anything that is not a letter or digit.
/// </summary>
internal static class SearchText
{
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            // Đ/đ is a letter of its own, not d plus a mark, so decomposition leaves it; map it by hand. Ð (U+00D0,
            // Icelandic eth) looks the same and turns up in text typed with the wrong keyboard layout.
            if (c is 'đ' or 'Đ' or 'Ð') builder.Append('d');
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string[] Words(string text) =>
        Fold(text).Split(c => !char.IsLetterOrDigit(c));

    private static string[] Split(this string text, Func<char, bool> separator)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || separator(text[i]);
            if (!boundary && start < 0) start = i;
            else if (boundary && start >= 0) { words.Add(text[start..i]); start = -1; }
        }
        return words.ToArray();
    }
}
