using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>Runs the script in the sandbox; its value goes to <c>camunda:resultVariable</c> when set.</summary>
internal sealed class ScriptTaskBehaviour : ActivityBehaviour
{
    protected override void Perform(ExecutionRun run, TokenState token, FlowNode node)
    {
        if (node.Script is not null)
        {
            var variables = run.VariablesFor(token);
            var result = ExpressionGuard.Run(() => run.Expressions.RunScript(node.Script, variables), "script", node, run.CallTrace(token));
            if (node.ResultVariable is { Length: > 0 } name) variables.SetVariable(name, result);
        }
        run.Schedule(token, ExecutionRun.StepKind.Complete);
    }
}
