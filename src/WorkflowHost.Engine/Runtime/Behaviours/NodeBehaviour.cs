using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// How one kind of flow node reacts over a token's life at it. The run owns the agenda and the token mechanics
/// (placing, taking flows, ending scopes); a behaviour decides what its element does when a token enters, when a
/// wait it opened is satisfied, when its own work is done and when it is withdrawn. Behaviours are stateless
/// singletons: everything they change is in the <see cref="ExecutionRun"/> they are given.
/// </summary>
internal abstract class NodeBehaviour
{
    /// <summary>A token arrived: finish at once (schedule completion or leaving) or open a wait.</summary>
    public abstract void Enter(ExecutionRun run, TokenState token, FlowNode node);

    /// <summary>
    /// A wait of this element was satisfied: a timer fired, a message or signal arrived, a condition became true.
    /// <paramref name="eventNode"/> is the element the wait names (for an event-based gateway: the catch event
    /// that won). By default the variables are set and the element finishes.
    /// </summary>
    public virtual void Trigger(ExecutionRun run, TokenState token, FlowNode node, WaitState wait, FlowNode eventNode,
        IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        run.SetVariables(token, variables);
        run.CloseWait(wait, cancelled: false);
        run.Schedule(token, node.Kind.IsActivity() ? ExecutionRun.StepKind.Complete : ExecutionRun.StepKind.Leave);
    }

    /// <summary>The element's own work is done (a task was completed, a child scope ended): leave it.</summary>
    public virtual void Complete(ExecutionRun run, TokenState token, FlowNode node) => run.LeaveElement(token);

    /// <summary>
    /// The token is withdrawn before it finished: close its waits, cancel what runs under it, end it with
    /// <paramref name="reason"/>.
    /// </summary>
    public virtual void Cancel(ExecutionRun run, TokenState token, FlowNode node, TokenEndReason reason) => run.Withdraw(token, reason);
}
