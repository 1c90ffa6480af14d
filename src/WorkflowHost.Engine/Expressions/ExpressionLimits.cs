namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// Sandbox limits applied to every single evaluation of an expression or script. An evaluation that crosses
/// any of them is stopped and reported as an <see cref="ExpressionEvaluationException"/>; the engine that ran it
/// stays usable.
/// </summary>
/// <param name="Timeout">Wall-clock time one evaluation may take (checked between statements and inside long built-in
/// loops and regular expressions); zero or less means no time limit.</param>
/// <param name="MaxStatements">JavaScript statements one evaluation may execute; 0 or less means no statement limit.</param>
/// <param name="MemoryBytes">Managed bytes one evaluation may <em>allocate</em> (an allocation budget, not a limit on
/// retained memory: a loop that creates and discards many temporary values also uses it up); zero or less means no
/// memory limit.</param>
/// <param name="MaxRecursion">Deepest recursion of one function into itself; zero or less leaves only the guard that
/// turns a native stack overflow into an error.</param>
public sealed record ExpressionLimits(TimeSpan Timeout, int MaxStatements, long MemoryBytes, int MaxRecursion)
{
    /// <summary>250 ms, 1,000,000 statements, 16 MB allocated, recursion depth 64.</summary>
    public static ExpressionLimits Default { get; } = new(TimeSpan.FromMilliseconds(250), 1_000_000, 16L * 1024 * 1024, 64);
}
