using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// Evaluates <see cref="CompiledExpression"/>s in a JavaScript sandbox. One instance per engine; thread-safe and meant
/// to be shared: each thread gets its own pooled Jint engine, configured once with the limits and host globals.
/// <para>Guarantees of every call:</para>
/// <list type="bullet">
/// <item>Process variables are visible by bare name: exactly the expression's referenced (and, for scripts,
/// assigned) names that <see cref="IVariableAccess.TryGetVariable"/> knows are bound as copies before the run and
/// unbound after it, so nothing of one evaluation is visible to the next.</item>
/// <item><c>execution.getVariable/setVariable/removeVariable/hasVariable</c> go straight to the
/// <see cref="IVariableAccess"/> of the call.</item>
/// <item>No CLR access, no <c>eval</c>/<c>Function(...)</c>, built-ins frozen; time, statements, allocated memory
/// and recursion limited by <see cref="ExpressionLimits"/>. A run that fails or is stopped leaves the pooled engine
/// usable.</item>
/// <item>Every failure is an <see cref="ExpressionEvaluationException"/> whose message names the expression.</item>
/// </list>
/// </summary>
public sealed partial class ExpressionEvaluator
{
    private readonly ExpressionLimits _limits;
    private readonly IReadOnlyDictionary<string, object>? _hostGlobals;
    private readonly HashSet<string> _hostNames;
    private readonly ThreadLocal<SandboxEngine> _engines;

    /// <summary>
    /// Creates the evaluator. Each value of <paramref name="hostGlobals"/> is a <see cref="Delegate"/> (exposed as a
    /// function whose arguments and result are converted: string, bool, numbers, <see cref="JsonNode"/>, object,
    /// a trailing array for rest arguments), a <see cref="JsonNode"/>, a string/number/bool, or a dictionary or list of
    /// those (exposed as a frozen object or array, so <c>environment.services.log(...)</c> works).
    /// </summary>
    /// <exception cref="ArgumentException">A host global has an unsupported type or the name of a built-in.</exception>
    public ExpressionEvaluator(ExpressionLimits limits, IReadOnlyDictionary<string, object>? hostGlobals = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        HostGlobals.Validate(hostGlobals);
        _limits = limits;
        _hostGlobals = hostGlobals is null ? null : new Dictionary<string, object>(hostGlobals, StringComparer.Ordinal);
        _hostNames = _hostGlobals is null ? [] : new HashSet<string>(_hostGlobals.Keys, StringComparer.Ordinal);
        _engines = new ThreadLocal<SandboxEngine>(() => new SandboxEngine(_limits, _hostGlobals));
    }

    /// <summary>The limits every evaluation runs under.</summary>
    public ExpressionLimits Limits => _limits;

    /// <summary>
    /// Evaluates and returns the value as a new JSON node (<c>undefined</c> becomes <see langword="null"/>). Bare-name
    /// assignments are not saved (use <see cref="RunScript"/> for that); <c>execution.setVariable</c> is.
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">The evaluation failed, was stopped by a limit, or produced a value JSON cannot hold.</exception>
    public JsonNode? Evaluate(CompiledExpression expression, IVariableAccess variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        if (expression.IsConstant) return Constant(expression, variables).Value?.DeepClone();
        return Run(expression, variables, Mode.Value).Value;
    }

    /// <summary>Evaluates and returns the JavaScript truthiness of the value (so <c>0</c>, <c>""</c>, <c>null</c>, <c>undefined</c> are false).</summary>
    /// <exception cref="ExpressionEvaluationException">The evaluation failed or was stopped by a limit.</exception>
    public bool EvaluateCondition(CompiledExpression expression, IVariableAccess variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        if (expression.IsConstant) return Constant(expression, variables).IsTruthy;
        return Run(expression, variables, Mode.Condition).IsTruthy;
    }

    /// <summary>
    /// Runs a script and returns its completion value. When it finishes without error, every name in
    /// <see cref="CompiledExpression.AssignedNames"/> is saved with <see cref="IVariableAccess.SetVariable"/> (or
    /// removed when the script deleted it), and so is every object or array variable the script changed in place
    /// (<c>order.items.push(x)</c>). Top-level helper functions and never-assigned declarations are not saved.
    /// When the script fails, nothing is written back (calls to <c>execution.setVariable</c> made before the failure
    /// have already happened).
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">The script failed, was stopped by a limit, or left a value JSON cannot hold.</exception>
    public JsonNode? RunScript(CompiledExpression script, IVariableAccess variables)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        return Run(script, variables, Mode.Script).Value;
    }

    private ConstantResult Constant(CompiledExpression expression, IVariableAccess variables)
    {
        var constant = Volatile.Read(ref expression.Constant);
        if (constant is not null) return constant;
        var outcome = Run(expression, variables, Mode.Value);
        constant = new ConstantResult(outcome.Value, outcome.IsTruthy);
        Volatile.Write(ref expression.Constant, constant);
        return constant;
    }

    private enum Mode { Condition, Value, Script }

    private readonly record struct Outcome(JsonNode? Value, bool IsTruthy);

    private Outcome Run(CompiledExpression expression, IVariableAccess variables, Mode mode)
    {
        var sandbox = _engines.Value!;
        if (sandbox.Busy) sandbox = new SandboxEngine(_limits, _hostGlobals); // re-entered from a host function
        sandbox.Busy = true;
        sandbox.Variables = variables;
        var engine = sandbox.Engine;
        var global = sandbox.Global;
        var names = expression.BoundNames;
        var checkHostNames = _hostNames.Count > 0;
        // originals are only kept for scripts, which write back what changed
        var originals = mode == Mode.Script && names.Length > 0 ? new Binding[names.Length] : null;
        try
        {
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[i];
                if (checkHostNames && _hostNames.Contains(name)) continue;
                if (!variables.TryGetVariable(name, out var node)) continue;
                global.FastSetDataProperty(name, JsonJs.ToJsValue(engine, node));
                if (originals is not null) originals[i] = new Binding(true, node);
            }

            var result = engine.Evaluate(in expression.Program);
            switch (mode)
            {
                case Mode.Condition:
                    return new Outcome(null, TypeConverter.ToBoolean(result));
                case Mode.Value:
                    return new Outcome(ToNode(expression, result, "the result"), TypeConverter.ToBoolean(result));
                default:
                    var value = ToNode(expression, result, "the result");
                    WriteBack(sandbox, expression, variables, originals);
                    return new Outcome(value, TypeConverter.ToBoolean(result));
            }
        }
        catch (Exception ex) when (Describe(expression, ex) is { } failure)
        {
            engine.Advanced.ResetCallStack();
            throw failure;
        }
        finally
        {
            if (expression.RestoresGlobals) sandbox.RestoreGlobals();
            else
                foreach (var name in names)
                    if (!checkHostNames || !_hostNames.Contains(name)) global.RemoveOwnProperty(name);
            sandbox.Variables = null;
            sandbox.Busy = false;
        }
    }

    private readonly record struct Binding(bool Existed, JsonNode? Original);

    private void WriteBack(SandboxEngine sandbox, CompiledExpression script, IVariableAccess variables, Binding[]? originals)
    {
        var names = script.BoundNames;
        var checkHostNames = _hostNames.Count > 0;
        // everything is converted before anything is written, so a value that cannot be stored writes nothing
        List<(string Name, JsonNode? Value, bool Remove)>? changes = null;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (checkHostNames && _hostNames.Contains(name)) continue;
            var before = originals is null ? default : originals[i];
            var assigned = IsAssigned(script, name);
            if (!assigned && before.Original is not (JsonObject or JsonArray)) continue; // read only, and a primitive cannot change in place

            var current = ReadBinding(sandbox, script, name);
            if (current is null)
            {
                // a deleted binding (delete x, execution.removeVariable) removes the variable
                if (assigned && before.Existed) (changes ??= []).Add((name, null, true));
                continue;
            }

            var declaredOnly = script.TopLevelDeclared.Contains(name);
            if (declaredOnly && (JsValueExtensions.IsCallable(current) || (current.IsUndefined() && !before.Existed))) continue; // helpers, not data
            var node = ToNode(script, current, $"variable '{name}'");
            if (before.Existed && JsonNode.DeepEquals(before.Original, node)) continue;
            (changes ??= []).Add((name, node, false));
        }
        if (changes is null) return;
        foreach (var (name, value, remove) in changes)
        {
            if (remove) variables.RemoveVariable(name);
            else variables.SetVariable(name, value);
        }
    }

    private static bool IsAssigned(CompiledExpression script, string name)
    {
        foreach (var assigned in script.AssignedNames)
            if (string.Equals(assigned, name, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The value a script left under a global name, or null when there is no such binding.</summary>
    private static JsValue? ReadBinding(SandboxEngine sandbox, CompiledExpression script, string name)
    {
        if (script.LexicalReaders.TryGetValue(name, out var reader))
        {
            try
            {
                return sandbox.Engine.Evaluate(in reader);
            }
            catch (JavaScriptException)
            {
                return null; // never initialised
            }
        }
        var descriptor = sandbox.Global.GetOwnProperty(name);
        if (descriptor == PropertyDescriptor.Undefined) return null;
        if (!descriptor.IsDataDescriptor())
            throw new ExpressionEvaluationException(
                $"{Title(script)} failed: variable '{name}' was turned into a getter or setter, which cannot be stored.", ExpressionFailure.InvalidValue);
        return descriptor.Value;
    }

    private static JsonNode? ToNode(CompiledExpression expression, JsValue value, string what)
    {
        try
        {
            return JsonJs.ToJsonNode(value, what);
        }
        catch (ExpressionEvaluationException ex)
        {
            throw new ExpressionEvaluationException($"{Title(expression)} failed: {ex.Message}", ExpressionFailure.InvalidValue, ex);
        }
    }

    // ---------- error messages ----------

    private static string Title(CompiledExpression expression) =>
        $"{(expression.Kind == ExpressionKind.Script ? "Script" : "Expression")} '{expression.DisplayText}'";

    private ExpressionEvaluationException? Describe(CompiledExpression expression, Exception exception)
    {
        var title = Title(expression);
        switch (exception)
        {
            case ExpressionEvaluationException evaluation when evaluation.Message.StartsWith(title, StringComparison.Ordinal):
                return evaluation;
            case ExpressionEvaluationException evaluation:
                return new ExpressionEvaluationException($"{title} failed: {evaluation.Message}", evaluation.Failure, evaluation);
            case TimeoutException or RegexMatchTimeoutException:
                return new ExpressionEvaluationException(
                    $"{title} took longer than {_limits.Timeout.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms and was stopped.",
                    ExpressionFailure.Timeout, exception);
            case StatementsCountOverflowException:
                return new ExpressionEvaluationException(
                    $"{title} executed more than {_limits.MaxStatements.ToString("N0", CultureInfo.InvariantCulture)} statements and was stopped (is there an endless loop?).",
                    ExpressionFailure.StatementLimit, exception);
            case MemoryLimitExceededException:
                return new ExpressionEvaluationException(
                    $"{title} allocated more than {Megabytes(_limits.MemoryBytes)} of memory and was stopped.",
                    ExpressionFailure.MemoryLimit, exception);
            case RecursionDepthOverflowException:
                return RecursionFailure(title, exception);
            case JavaScriptException js when IsStackOverflow(js):
                return RecursionFailure(title, exception);
            case JavaScriptException js:
                return new ExpressionEvaluationException($"{title} failed: {ScriptProblem(expression, js)}.", ExpressionFailure.ScriptError, exception);
            case JintException jint:
                return new ExpressionEvaluationException($"{title} failed: {jint.Message.TrimEnd('.')}.", ExpressionFailure.ScriptError, exception);
            default:
                return null; // a host bug (IVariableAccess, host function infrastructure): let it surface as is
        }
    }

    private ExpressionEvaluationException RecursionFailure(string title, Exception exception) =>
        new($"{title} called functions more than {_limits.MaxRecursion} levels deep and was stopped (is there an endless recursion?).",
            ExpressionFailure.RecursionLimit, exception);

    private static bool IsStackOverflow(JavaScriptException js) =>
        js.Message.Contains("Maximum call stack size exceeded", StringComparison.Ordinal);

    private static string ScriptProblem(CompiledExpression expression, JavaScriptException js)
    {
        var message = js.Message.TrimEnd('.');
        var errorName = js.Error is ObjectInstance error ? DataString(error, "name") : null;
        string problem;
        if (errorName == "ReferenceError" && NotDefined().Match(message) is { Success: true } match)
            problem = $"'{match.Groups[1].Value}' is not defined (no process variable or function has that name)";
        else if (errorName is not null)
            problem = $"{errorName}: {message}";
        else
            problem = $"it threw {message}";

        if (expression.Kind == ExpressionKind.Script && expression.Source.Contains('\n') && js.Location.Start.Line > 0)
        {
            var (line, column) = expression.Offset.Map(js.Location.Start.Line, js.Location.Start.Column + 1);
            problem += $" (line {line}, column {column})";
        }
        return problem;
    }

    /// <summary>Reads a string data property along the prototype chain without running any getter.</summary>
    private static string? DataString(ObjectInstance target, string key)
    {
        for (var current = target; current is not null; current = current.Prototype)
        {
            var descriptor = current.GetOwnProperty(key);
            if (descriptor == PropertyDescriptor.Undefined) continue;
            return descriptor.IsDataDescriptor() && descriptor.Value.IsString() ? descriptor.Value.ToString() : null;
        }
        return null;
    }

    private static string Megabytes(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB"
            : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    [GeneratedRegex("^(.+) is not defined$")]
    private static partial Regex NotDefined();
}
