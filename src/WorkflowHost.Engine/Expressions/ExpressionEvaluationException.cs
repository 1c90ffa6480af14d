namespace WorkflowHost.Engine.Expressions;

/// <summary>Why an evaluation failed.</summary>
public enum ExpressionFailure
{
    /// <summary>The JavaScript threw: an unknown name, a type error, an explicit <c>throw</c>.</summary>
    ScriptError,

    /// <summary>The evaluation ran longer than <see cref="ExpressionLimits.Timeout"/>.</summary>
    Timeout,

    /// <summary>The evaluation executed more than <see cref="ExpressionLimits.MaxStatements"/> statements.</summary>
    StatementLimit,

    /// <summary>The evaluation allocated more than <see cref="ExpressionLimits.MemoryBytes"/>.</summary>
    MemoryLimit,

    /// <summary>A function recursed deeper than <see cref="ExpressionLimits.MaxRecursion"/> (or the native stack ran low).</summary>
    RecursionLimit,

    /// <summary>The value produced cannot be stored as JSON (a function, a symbol, a Map, NaN, ...).</summary>
    InvalidValue,
}

/// <summary>
/// Thrown when evaluating a <see cref="CompiledExpression"/> fails. <see cref="Exception.Message"/> names the
/// expression (shortened to one line) and says what went wrong, for example
/// <c>Expression 'amount > 10' failed: 'amount' is not defined.</c> or
/// <c>Script 'while(true){}' took longer than 250 ms and was stopped.</c>
/// </summary>
public sealed class ExpressionEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionEvaluationException(string message, ExpressionFailure failure = ExpressionFailure.ScriptError, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure this is.</summary>
    public ExpressionFailure Failure { get; }

    /// <summary>True when the evaluation was stopped because it ran longer than <see cref="ExpressionLimits.Timeout"/>.</summary>
    public bool IsTimeout => Failure == ExpressionFailure.Timeout;

    /// <summary>True when a sandbox limit (time, statements, memory or recursion) stopped the evaluation.</summary>
    public bool IsLimitExceeded => Failure is ExpressionFailure.Timeout or ExpressionFailure.StatementLimit
        or ExpressionFailure.MemoryLimit or ExpressionFailure.RecursionLimit;
}
