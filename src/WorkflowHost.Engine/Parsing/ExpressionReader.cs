using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Parsing;

/// <summary>Compiles expressions found in the XML once, recording compile errors against their element.</summary>
internal static class ExpressionReader
{
    public static CompiledExpression? Compile(string? text, ExpressionKind kind, string elementId, string elementType, BpmnDocument document)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (ExpressionCompiler.TryCompile(text, kind, out var compiled, out var error)) return compiled;
        var what = kind == ExpressionKind.Script ? "script" : "expression";
        document.ParseProblems.Add((elementId, elementType, $"The {what} '{Shorten(text)}' of {elementType} '{elementId}' does not compile: {error}"));
        return null;
    }

    /// <summary>Compiles only values written as <c>${...}</c>/<c>#{...}</c>; plain text stays a literal.</summary>
    public static CompiledExpression? CompileIfExpression(string? text, string elementId, string elementType, BpmnDocument document) =>
        IsExpression(text) ? Compile(text, ExpressionKind.Expression, elementId, elementType, document) : null;

    public static bool IsExpression(string? text)
    {
        if (text is null) return false;
        var trimmed = text.Trim();
        return (trimmed.StartsWith("${", StringComparison.Ordinal) || trimmed.StartsWith("#{", StringComparison.Ordinal)) && trimmed.EndsWith('}');
    }

    internal static string Shorten(string text)
    {
        var oneLine = text.Trim().ReplaceLineEndings(" ");
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }
}
