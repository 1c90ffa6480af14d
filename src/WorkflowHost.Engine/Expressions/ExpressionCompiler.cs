using System.Diagnostics.CodeAnalysis;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Runtime;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// Compiles BPMN expression and script text into <see cref="CompiledExpression"/>s. Pure and thread-safe; compile
/// once per definition version and cache the result.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>The name under which scripts (and expressions) find Camunda's <c>execution</c> object.</summary>
    public const string ExecutionName = "execution";

    private static readonly Lazy<HashSet<string>> LazyBuiltIns = new(CollectBuiltIns);

    /// <summary>Names the sandbox defines itself: JavaScript built-ins and <see cref="ExecutionName"/>.</summary>
    internal static IReadOnlySet<string> ReservedNames => LazyBuiltIns.Value;

    /// <summary>
    /// Compiles <paramref name="source"/>. A Camunda-style <c>${ ... }</c> or <c>#{ ... }</c> around the whole text is
    /// removed first. <see cref="ExpressionKind.Expression"/> must be exactly one JavaScript expression (strict mode);
    /// <see cref="ExpressionKind.Script"/> is a JavaScript program.
    /// </summary>
    /// <exception cref="ExpressionCompileException">The text is empty or not valid JavaScript; the message says where.</exception>
    public static CompiledExpression Compile(string source, ExpressionKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (body, offset) = StripWrapper(source);
        if (string.IsNullOrWhiteSpace(body))
            throw new ExpressionCompileException($"The {What(kind)} is empty.", "it is empty", 0, 0);

        return kind == ExpressionKind.Expression
            ? CompileExpression(source, body, offset)
            : CompileScript(source, body, offset);
    }

    /// <summary>
    /// As <see cref="Compile"/>, but reports a compile problem through <paramref name="error"/> (the reason with line
    /// and column, without the expression text, for example <c>Unexpected token ')' at line 1, column 9</c>).
    /// </summary>
    public static bool TryCompile(string source, ExpressionKind kind, [NotNullWhen(true)] out CompiledExpression? compiled, [NotNullWhen(false)] out string? error)
    {
        try
        {
            compiled = Compile(source, kind);
            error = null;
            return true;
        }
        catch (ExpressionCompileException ex)
        {
            compiled = null;
            error = ex.Reason;
            return false;
        }
    }

    private static CompiledExpression CompileExpression(string source, string body, SourceOffset offset)
    {
        Expression ast;
        try
        {
            // Parsed on its own first: this both rejects "a) || (b", which the parenthesised form below would accept,
            // and reports positions in the text as written.
            ast = new Parser().ParseExpression(body, null, strict: true);
        }
        catch (ParseErrorException ex)
        {
            throw CompileError(source, ExpressionKind.Expression, ex.Description, ex.LineNumber, ex.Column + 1, offset, ex);
        }

        var analysis = new ScopeAnalyzer(ReservedNames).AnalyzeExpression(ast);
        // The newline keeps a trailing // comment from swallowing the closing parenthesis.
        var program = Prepare(source, ExpressionKind.Expression, "(" + body + "\n)", strict: true, offset with { Columns = offset.Columns - 1 });
        return new CompiledExpression(source, ExpressionKind.Expression, program, analysis, EmptyReaders, offset);
    }

    private static CompiledExpression CompileScript(string source, string body, SourceOffset offset)
    {
        var program = Prepare(source, ExpressionKind.Script, body, strict: false, offset);
        var analysis = new ScopeAnalyzer(ReservedNames).AnalyzeScript(program.Program!);
        var readers = EmptyReaders;
        if (analysis.TopLevelLexical.Count > 0)
        {
            var lexicalReaders = new Dictionary<string, Prepared<Script>>(StringComparer.Ordinal);
            foreach (var name in analysis.TopLevelLexical)
                lexicalReaders[name] = Jint.Engine.PrepareScript(name, null, false, ScriptPreparationOptions.Default);
            readers = lexicalReaders;
        }
        return new CompiledExpression(source, ExpressionKind.Script, program, analysis, readers, offset);
    }

    private static readonly IReadOnlyDictionary<string, Prepared<Script>> EmptyReaders = new Dictionary<string, Prepared<Script>>();

    private static Prepared<Script> Prepare(string source, ExpressionKind kind, string code, bool strict, SourceOffset offset)
    {
        try
        {
            return Jint.Engine.PrepareScript(code, null, strict, ScriptPreparationOptions.Default);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parse)
        {
            throw CompileError(source, kind, parse.Description, parse.LineNumber, parse.Column + 1, offset, ex); // Acornima counts columns from 0
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionCompileException($"The {What(kind)} '{CompiledExpression.Shorten(source)}' does not compile: {ex.Message}", ex.Message, 0, 0, ex);
        }
    }

    private static ExpressionCompileException CompileError(string source, ExpressionKind kind, string description, int line, int column, SourceOffset offset, Exception inner)
    {
        var (mappedLine, mappedColumn) = offset.Map(line, column);
        var text = description.TrimEnd('.');
        var reason = $"{text} at line {mappedLine}, column {mappedColumn}";
        return new ExpressionCompileException(
            $"The {What(kind)} '{CompiledExpression.Shorten(source)}' does not compile: {reason}.", reason, mappedLine, mappedColumn, inner);
    }

    private static string What(ExpressionKind kind) => kind == ExpressionKind.Script ? "script" : "expression";

    /// <summary>Removes a <c>${...}</c>/<c>#{...}</c> around the whole text, keeping the inner text untouched so positions map back.</summary>
    internal static (string Body, SourceOffset Offset) StripWrapper(string source)
    {
        var start = 0;
        while (start < source.Length && char.IsWhiteSpace(source[start])) start++;
        var end = source.Length;
        while (end > start && char.IsWhiteSpace(source[end - 1])) end--;
        if (end - start < 3 || (source[start] != '$' && source[start] != '#') || source[start + 1] != '{' || source[end - 1] != '}')
            return (source, default);

        var innerStart = start + 2;
        var lines = 0;
        var lineStart = 0;
        for (var i = 0; i < innerStart; i++)
        {
            if (source[i] != '\n') continue;
            lines++;
            lineStart = i + 1;
        }
        return (source[innerStart..(end - 1)], new SourceOffset(lines, innerStart - lineStart));
    }

    private static HashSet<string> CollectBuiltIns()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { ExecutionName, "undefined", "NaN", "Infinity", "globalThis" };
        using var engine = new Jint.Engine();
        foreach (var key in engine.Global.GetOwnPropertyKeys(Types.String)) names.Add(key.ToString());
        return names;
    }
}
