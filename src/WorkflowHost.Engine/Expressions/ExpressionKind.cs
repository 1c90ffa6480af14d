namespace WorkflowHost.Engine.Expressions;

/// <summary>How the text of a <see cref="CompiledExpression"/> is read.</summary>
public enum ExpressionKind
{
    /// <summary>
    /// A single JavaScript expression (conditions, mappings, assignments of tasks). Runs in strict mode, so it cannot
    /// create global variables by accident; its value is the result.
    /// </summary>
    Expression,

    /// <summary>
    /// A JavaScript program (script tasks, script mappings). Runs in sloppy mode so that <c>x = 5</c> creates or
    /// updates the process variable <c>x</c>; its completion value (the value of the last expression statement)
    /// is the result.
    /// </summary>
    Script,
}
