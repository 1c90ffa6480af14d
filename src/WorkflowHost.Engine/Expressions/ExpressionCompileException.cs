namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// Thrown by <see cref="ExpressionCompiler.Compile"/> when the text is not valid JavaScript of the requested
/// <see cref="ExpressionKind"/>. <see cref="Exception.Message"/> is one sentence a process owner can act on and
/// includes the line and column (counted in the text as written in the BPMN, starting at 1).
/// </summary>
public sealed class ExpressionCompileException : Exception
{
    /// <summary>Creates the exception; <paramref name="reason"/> is the problem without the expression text.</summary>
    public ExpressionCompileException(string message, string reason, int line, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>The problem and its position, without the expression text (for example "Unexpected token ')' at line 1, column 9").</summary>
    public string Reason { get; }

    /// <summary>Line of the problem in the source as written, starting at 1; 0 when it has no position (empty text).</summary>
    public int Line { get; }

    /// <summary>Column of the problem in the source as written, starting at 1; 0 when it has no position.</summary>
    public int Column { get; }
}
