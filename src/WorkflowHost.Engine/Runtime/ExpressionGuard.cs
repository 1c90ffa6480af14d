using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// The one place where a failing expression, condition, mapping or script becomes a <see cref="ProcessFailure"/>
/// (an incident on the token), with a message that names what failed and at which element.
/// </summary>
internal static class ExpressionGuard
{
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
