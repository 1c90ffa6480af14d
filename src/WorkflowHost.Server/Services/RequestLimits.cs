using System.Text.Json.Nodes;
using WorkflowHost.Data;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Bounds on what one request may ask for, checked before anything is read or written, so bad input is a 422 naming
/// the field and never a 500 or a half-done change (docs/security.md).
/// </summary>
public static class RequestLimits
{
    /// <summary>Largest page a list answers.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Deepest offset a list accepts; beyond it, narrow the filter instead of paging.</summary>
    public const int MaxOffset = 100_000;

    /// <summary>
    /// Deepest nesting of a variable value: well inside what expressions convert (64 levels) and what the stored state
    /// (which wraps variables in a few levels of its own) can hold.
    /// </summary>
    public const int MaxVariableDepth = 32;

    /// <summary>Checks <c>limit</c> (1..500, default 100) and <c>offset</c> (0..100,000, default 0).</summary>
    public static (int Limit, int Offset) Page(int? limit, int? offset)
    {
        if (limit is < 1 or > MaxPageSize)
            throw new InvalidInputException($"limit must be between 1 and {MaxPageSize}.", [new FieldError(null, null, $"Use a limit from 1 to {MaxPageSize}.", "limit")]);
        if (offset is < 0 or > MaxOffset)
            throw new InvalidInputException($"offset must be between 0 and {MaxOffset}.", [new FieldError(null, null, $"Use an offset from 0 to {MaxOffset}; narrow the filter to reach further.", "offset")]);
        return (limit ?? 100, offset ?? 0);
    }

    /// <summary>Checks a business key (dossier code) fits its column and index.</summary>
    public static void BusinessKey(string? businessKey, string field = "businessKey")
    {
        if (businessKey is { Length: > WorkflowDbContext.MaxBusinessKeyLength })
            throw new InvalidInputException($"{field} is {businessKey.Length} characters long; at most {WorkflowDbContext.MaxBusinessKeyLength} are allowed.",
                [new FieldError(null, null, $"Use at most {WorkflowDbContext.MaxBusinessKeyLength} characters.", field)]);
    }

    /// <summary>Checks no variable value nests deeper than <see cref="MaxVariableDepth"/>.</summary>
    public static void Variables(JsonObject? variables, string field = "variables")
    {
        if (variables is null) return;
        foreach (var (name, value) in variables)
            if (Depth(value, 0) > MaxVariableDepth)
                throw new InvalidInputException($"The variable '{name}' nests deeper than {MaxVariableDepth} levels.",
                    [new FieldError(null, null, $"Flatten '{name}' to at most {MaxVariableDepth} levels of lists and objects.", $"{field}.{name}")]);
    }

    private static int Depth(JsonNode? node, int depth)
    {
        if (depth > MaxVariableDepth) return depth;
        return node switch
        {
            JsonObject o => o.Count == 0 ? depth + 1 : o.Max(p => Depth(p.Value, depth + 1)),
            JsonArray a => a.Count == 0 ? depth + 1 : a.Max(v => Depth(v, depth + 1)),
            _ => depth,
        };
    }
}
