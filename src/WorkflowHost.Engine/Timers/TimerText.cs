namespace WorkflowHost.Engine.Timers;

/// <summary>Helpers shared by the timer parsers: cleaning input and quoting it in error sentences.</summary>
internal static class TimerText
{
    private const int MaxQuoted = 60;

    /// <summary>Trims whitespace and one pair of surrounding double or single quotes (some tools write <c>"PT1S"</c>).</summary>
    public static string Clean(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length >= 2 && trimmed[0] is '"' or '\'' && trimmed[^1] == trimmed[0])
            trimmed = trimmed[1..^1].Trim();
        return trimmed;
    }

    /// <summary>The text in single quotes for an error sentence, shortened so hostile input cannot flood a message.</summary>
    public static string Quote(string text) =>
        "'" + (text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "…")) + "'";
}
