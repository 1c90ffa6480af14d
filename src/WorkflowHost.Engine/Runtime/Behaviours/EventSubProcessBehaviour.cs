using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime.Behaviours;

/// <summary>
/// Event subprocesses. While a process or subprocess runs, it listens with the start events of the event
/// subprocesses it contains (message, timer, signal and conditional open waits owned by the scope; error and
/// escalation are found when thrown, by <see cref="EventPropagation"/>). When one happens, an interrupting start
/// first withdraws everything the scope runs — tokens, open tasks, timers, running non-interrupting event
/// subprocesses and the scope's other listeners — while a non-interrupting one runs beside them and keeps
/// listening. The event subprocess is a child scope of its own; when its last token ends the enclosing scope is
/// checked for its end, so an interrupting one that finishes completes its process or subprocess.
/// </summary>
internal static class EventSubProcessBehaviour
{
    /// <summary>Opens the waits of the event subprocesses directly inside <paramref name="scope"/>.</summary>
    public static void Listen(ExecutionRun run, ScopeState scope)
    {
        var flowScope = FlowScopeOf(run, scope);
        if (flowScope is null || flowScope.EventSubProcesses.Count == 0) return;
        var owner = WaitOwner.Of(scope);
        foreach (var eventSubProcess in flowScope.EventSubProcesses)
        {
            var start = StartOf(eventSubProcess);
            switch (start?.Event?.Kind)
            {
                case EventKind.Message: run.Subscribe(owner, start, start.Event.MessageName!); break;
                case EventKind.Timer: run.ScheduleTimer(owner, start); break;
                case EventKind.Signal: run.ListenForSignal(owner, start, start.Event.SignalName!); break;
                case EventKind.Conditional: run.WaitForCondition(owner, start); break;
            }
        }
    }

    /// <summary>A scope-owned wait was satisfied: start its event subprocess.</summary>
    public static void Trigger(ExecutionRun run, ScopeState scope, WaitState wait, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        var start = run.ProcessOf(scope).Process.AllNodes[wait.ElementId];
        if (start.IsInterrupting) run.CloseWait(wait, cancelled: false);
        else if (wait.Kind == WaitKind.Timer)
        {
            // A non-interrupting timer fires once per occurrence: a cycle is rescheduled, a date or duration is spent.
            if (wait.Cycle is not null && wait.RemainingRepetitions != 0) run.RescheduleCycle(wait, start);
            else run.CloseWait(wait, cancelled: false);
        }
        Start(run, scope, start, variables);
    }

    /// <summary>Error and escalation starts: the thrown event reached <paramref name="scope"/> and this start catches it.</summary>
    public static void Catch(ExecutionRun run, ScopeState scope, FlowNode start) => Start(run, scope, start, null);

    private static void Start(ExecutionRun run, ScopeState parent, FlowNode start, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        var eventSubProcess = start.Scope.Owner!;
        if (start.IsInterrupting) Interrupt(run, parent);
        var scope = new ScopeState
        {
            Id = run.State.NewId(), ParentId = parent.Id, Kind = ScopeKind.EventSubProcess, ProcessId = parent.ProcessId,
            ElementId = eventSubProcess.Id,
        };
        run.State.Scopes.Add(scope);
        run.AddEffect(new ElementStarted(scope.Id, eventSubProcess.Id, eventSubProcess.ElementType, run.Now));
        run.SetVariables(scope, variables);
        Listen(run, scope);
        var token = run.Place(scope, start, null);
        run.Schedule(token, ExecutionRun.StepKind.Leave);
    }

    /// <summary>Withdraws everything the scope runs and every listener it has: an interrupting event subprocess takes over.</summary>
    private static void Interrupt(ExecutionRun run, ScopeState scope)
    {
        run.CloseWaitsOf(scope);
        run.CancelScopeContents(scope, TokenEndReason.Interrupted);
    }

    /// <summary>The event subprocess' last token ended: it is done, and its enclosing scope may now be done too.</summary>
    public static void Completed(ExecutionRun run, ScopeState scope)
    {
        run.State.Scopes.Remove(scope);
        var node = run.ProcessOf(scope).Process.AllNodes.GetValueOrDefault(scope.ElementId ?? "");
        run.AddEffect(new ElementEnded(scope.Id, scope.ElementId ?? "", node?.ElementType ?? "subProcess", run.Now, TokenEndReason.Completed));
        if (scope.ParentId is { } parentId && run.State.Scopes.Find(s => s.Id == parentId) is { } parent) run.CheckScopeEnd(parent);
    }

    /// <summary>The flow scope (process, subprocess or event subprocess contents) whose elements run in a scope; null for loop scopes.</summary>
    public static FlowScope? FlowScopeOf(ExecutionRun run, ScopeState scope) => scope.Kind switch
    {
        ScopeKind.Process or ScopeKind.CalledProcess => run.ProcessOf(scope).Process.Root,
        ScopeKind.SubProcess or ScopeKind.EventSubProcess => run.ProcessOf(scope).Process.AllNodes.GetValueOrDefault(scope.ElementId ?? "")?.ChildScope,
        _ => null,
    };

    /// <summary>The single start event of an event subprocess.</summary>
    public static FlowNode? StartOf(FlowNode eventSubProcess) =>
        eventSubProcess.ChildScope?.Nodes.Find(n => n.Kind == NodeKind.StartEvent);
}
