using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// An expression or script compiled once (at deployment) and evaluated many times by an
/// <see cref="ExpressionEvaluator"/>. Immutable and safe to share between threads and engines.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Prepared<Script> _program;

    internal CompiledExpression(
        string source, ExpressionKind kind, Prepared<Script> program, ScopeAnalysis analysis,
        IReadOnlyDictionary<string, Prepared<Script>> lexicalReaders, SourceOffset offset)
    {
        Source = source;
        Kind = kind;
        _program = program;
        ReferencedNames = analysis.Referenced.ToArray();
        AssignedNames = analysis.Assigned.ToArray();
        IsConstant = kind == ExpressionKind.Expression && analysis.IsConstant && analysis.Referenced.Count == 0;
        TopLevelLexical = analysis.TopLevelLexical;
        TopLevelDeclared = analysis.TopLevelDeclared;
        LexicalReaders = lexicalReaders;
        Offset = offset;
        RestoresGlobals = kind == ExpressionKind.Script || analysis.MayChangeGlobals;
        DisplayText = Shorten(source);

        var bound = new List<string>(ReferencedNames);
        foreach (var name in AssignedNames)
            if (!bound.Contains(name)) bound.Add(name);
        BoundNames = bound.ToArray();
    }

    /// <summary>The text as written in the BPMN, including any <c>${...}</c> wrapper.</summary>
    public string Source { get; }

    /// <summary>Whether this is a single expression or a script.</summary>
    public ExpressionKind Kind { get; }

    /// <summary>
    /// Free names the code reads: not JavaScript built-ins, not <c>execution</c>, not declared anywhere in the code
    /// (parameters, var/let/const, functions, classes, catch bindings). In order of first appearance. Host
    /// globals are listed too, since the compiler does not know them.
    /// </summary>
    public IReadOnlyList<string> ReferencedNames { get; }

    /// <summary>
    /// Free names the code writes (<c>x = ..</c>, <c>x += ..</c>, <c>x++</c>, destructuring, <c>for (x of ..)</c>,
    /// <c>delete x</c>) plus the script's top-level var/let/const names. After a script runs, each of them is
    /// written back to (or, when deleted, removed from) the process variables.
    /// </summary>
    public IReadOnlyList<string> AssignedNames { get; }

    /// <summary>True for an expression built only from literals and operators (<c>${true}</c>, <c>${1 + 2}</c>):
    /// its value is computed once and reused.</summary>
    public bool IsConstant { get; }

    /// <inheritdoc />
    public override string ToString() => Source;

    internal ref readonly Prepared<Script> Program => ref _program;

    /// <summary>Referenced and assigned names: those bound from the process variables before a run.</summary>
    internal string[] BoundNames { get; }

    internal IReadOnlySet<string> TopLevelLexical { get; }

    internal IReadOnlySet<string> TopLevelDeclared { get; }

    /// <summary>One tiny prepared script per top-level let/const name that reads its value after the script ran.</summary>
    internal IReadOnlyDictionary<string, Prepared<Script>> LexicalReaders { get; }

    /// <summary>Where the compiled text starts inside <see cref="Source"/> (to report positions as written).</summary>
    internal SourceOffset Offset { get; }

    /// <summary>Whether the global scope must be restored from its snapshot after a run (scripts and expressions that write).</summary>
    internal bool RestoresGlobals { get; }

    /// <summary>The source on one line, shortened, for messages.</summary>
    internal string DisplayText { get; }

    /// <summary>Value of a constant expression once computed (benign race: every thread computes the same value).</summary>
    internal ConstantResult? Constant;

    internal static string Shorten(string text)
    {
        var oneLine = string.Join(' ', text.Trim().Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }
}

/// <summary>The value of a constant expression and its JavaScript truthiness.</summary>
internal sealed record ConstantResult(JsonNode? Value, bool IsTruthy);

/// <summary>Line and column offset of the compiled text inside the text as written.</summary>
internal readonly record struct SourceOffset(int Lines, int Columns)
{
    /// <summary>Maps a 1-based line/column of the compiled text to the text as written.</summary>
    public (int Line, int Column) Map(int line, int column) =>
        (line + Lines, line == 1 ? column + Columns : column);
}
