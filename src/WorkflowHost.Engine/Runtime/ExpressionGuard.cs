using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// The one place where a failing expression, condition, mapping or script becomes a <see cref="ProcessFailure"/>
/// (an incident on the token), with a message that names what failed and at which element.
/// </summary>
internal static class ExpressionGuard
{
    /// <summary>
    /// The allocation-free form for the hot paths (conditions, expressions): <paramref name="evaluate"/> and
    /// <paramref name="element"/> are static lambdas over <paramref name="state"/>, and the element is looked up only
    /// when the evaluation failed.
    /// </summary>
    public static TResult Run<TState, TResult>(TState state, Func<TState, TResult> evaluate, string what, Func<TState, FlowNode> element)
    {
        try
        {
            return evaluate(state);
        }
        catch (ExpressionEvaluationException ex)
        {
            throw new ProcessFailure($"The {what} of {ExecutionRun.Describe(element(state))} failed: {ex.Message}");
        }
    }

    /// <summary>Runs <paramref name="evaluate"/>; an evaluation failure reads "The {what} of {element} failed: …{detail}".</summary>
    public static T Run<T>(Func<T> evaluate, string what, FlowNode node, string detail = "")
    {
        try
        {
            return evaluate();
        }
        catch (ExpressionEvaluationException ex)
        {
            throw new ProcessFailure($"The {what} of {ExecutionRun.Describe(node)} failed: {ex.Message}{detail}");
        }
    }
}
