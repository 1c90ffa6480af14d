using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// The expressions of one command share one time budget (<see cref="EngineOptions.CommandTimeBudget"/>): each
/// evaluation has its own limit, but a command may run thousands of them (loops, multi-instance), so once the budget is
/// spent every further evaluation fails as a timeout, which stops that token with an incident.
/// </summary>
internal sealed class CommandExpressions(ExpressionEvaluator inner, TimeSpan budget)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public JsonNode? Evaluate(CompiledExpression expression, IVariableAccess variables)
    {
        EnsureBudget();
        return inner.Evaluate(expression, variables);
    }

    public bool EvaluateCondition(CompiledExpression expression, IVariableAccess variables)
    {
        EnsureBudget();
        return inner.EvaluateCondition(expression, variables);
    }

    public JsonNode? RunScript(CompiledExpression script, IVariableAccess variables)
    {
        EnsureBudget();
        return inner.RunScript(script, variables);
    }

    private void EnsureBudget()
    {
        if (budget > TimeSpan.Zero && _clock.Elapsed > budget)
            throw new ExpressionEvaluationException(
                $"the command's expressions used up its time budget of {budget.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms",
                ExpressionFailure.Timeout);
    }
}
