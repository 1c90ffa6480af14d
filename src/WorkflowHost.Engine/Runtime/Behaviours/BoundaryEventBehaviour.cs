using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// Boundary events. Their waits belong to the token of the activity they are attached to; when one is satisfied
/// an interrupting event withdraws that activity, a non-interrupting one leaves it running (a timer cycle is
/// rescheduled), and a new token leaves the boundary event along its outgoing flows.
/// </summary>
internal sealed class BoundaryEventBehaviour : NodeBehaviour
{
    public override void Enter(ExecutionRun run, TokenState token, FlowNode node) => run.Schedule(token, ExecutionRun.StepKind.Leave);

    public override void Trigger(ExecutionRun run, TokenState host, FlowNode node, WaitState wait, FlowNode eventNode,
        IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        run.SetVariables(host, variables);
        var scope = run.Scope(host.ScopeId);
        if (node.CancelActivity) run.CancelToken(host, TokenEndReason.Interrupted);
        else if (wait.Kind == WaitKind.Timer && wait.Cycle is not null && wait.RemainingRepetitions != 0)
        {
            run.RescheduleCycle(wait, node);
            Occur(run, scope, node);
            return;
        }
        run.CloseWait(wait, cancelled: false);
        Occur(run, scope, node);
    }

    /// <summary>The event happened on an activity of <paramref name="scope"/>: a token leaves the boundary event.</summary>
    public static void Occur(ExecutionRun run, ScopeState scope, FlowNode boundary)
    {
        var token = run.Place(scope, boundary, null);
        run.Schedule(token, ExecutionRun.StepKind.Leave);
    }
}
