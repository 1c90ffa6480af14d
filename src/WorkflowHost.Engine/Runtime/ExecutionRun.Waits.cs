using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine.Runtime;

/// <summary>Opening, closing and triggering waits: tasks, timers, message subscriptions, service jobs, conditions.</summary>
internal sealed partial class ExecutionRun
{
    internal void OpenBoundaryWaits(TokenState token, FlowNode activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            switch (boundary.Event?.Kind)
            {
                case EventKind.Timer: ScheduleTimer(token, boundary); break;
                case EventKind.Message: Subscribe(token, boundary, boundary.Event.MessageName!); break;
            }
        }
    }

    internal WaitState ScheduleTimer(TokenState token, FlowNode eventNode)
    {
        var definition = eventNode.Event!;
        var timer = definition.Timer;
        if (timer is null)
        {
            if (definition.TimerExpression is null)
                throw new ProcessFailure($"The timer of {Describe(eventNode)} has no usable definition.");
            var value = Evaluate(definition.TimerExpression, token, "timer expression");
            var text = value?.ToString() ?? "";
            if (!TimerExpression.TryParse(definition.TimerKind!.Value, text, Options.TimeZone, out timer, out var error))
                throw new ProcessFailure($"The timer of {Describe(eventNode)} evaluated to '{text}', which does not parse: {error}");
        }
        DateTimeOffset due;
        try
        {
            due = TimerSchedule.FirstDue(timer!, Now, Options.Calendar);
        }
        catch (ArgumentOutOfRangeException e) when (timer is TimerWorkingTime)
        {
            // No calendar, or the count leaves the years it covers: an incident the process owner can act on, never a guessed date.
            throw new ProcessFailure($"The working-time timer of {Describe(eventNode)} cannot be counted: {e.Message}");
        }
        var wait = new WaitState { Id = _state.NewId(), Kind = WaitKind.Timer, TokenId = token.Id, ElementId = eventNode.Id, DueAt = due };
        if (timer is TimerCycle cycle)
        {
            wait.Cycle = definition.TimerText;
            wait.RemainingRepetitions = cycle.Repetitions is { } r ? r - 1 : -1;
        }
        _state.Waits.Add(wait);
        _effects.Add(new TimerScheduled(wait.Id, eventNode.Id, wait.DueAt!.Value));
        return wait;
    }

    internal WaitState Subscribe(TokenState token, FlowNode eventNode, string messageName)
    {
        var wait = new WaitState { Id = _state.NewId(), Kind = WaitKind.Message, TokenId = token.Id, ElementId = eventNode.Id, MessageName = messageName };
        _state.Waits.Add(wait);
        _effects.Add(new MessageSubscriptionOpened(wait.Id, messageName, eventNode.Id));
        return wait;
    }

    internal WaitState WaitForCondition(TokenState token, FlowNode eventNode)
    {
        var wait = new WaitState { Id = _state.NewId(), Kind = WaitKind.Conditional, TokenId = token.Id, ElementId = eventNode.Id };
        _state.Waits.Add(wait);
        return wait;
    }

    internal void RequestJob(TokenState token, FlowNode node)
    {
        var wait = new WaitState { Id = _state.NewId(), Kind = WaitKind.ServiceJob, TokenId = token.Id, ElementId = node.Id, Topic = node.Topic };
        _state.Waits.Add(wait);
        token.Phase = TokenPhase.Waiting;
        _effects.Add(new ServiceJobRequested(wait.Id, node.Id, node.Topic!, VariablesFor(token).Snapshot()));
    }

    internal void OpenUserTask(TokenState token, FlowNode node, TaskCreatedDetails details)
    {
        var wait = new WaitState { Id = _state.NewId(), Kind = WaitKind.UserTask, TokenId = token.Id, ElementId = node.Id };
        _state.Waits.Add(wait);
        token.Phase = TokenPhase.Waiting;
        _effects.Add(new TaskCreated(wait.Id, node.Id, node.Name, node.ElementType, details.CandidateGroups, details.CandidateUsers,
            details.Assignee, details.FormKey, details.DueAt, details.Properties));
    }

    internal void CloseWait(WaitState wait, bool cancelled)
    {
        if (!_state.Waits.Remove(wait)) return;
        switch (wait.Kind)
        {
            case WaitKind.UserTask: _effects.Add(cancelled ? new TaskCancelled(wait.Id) : new TaskCompleted(wait.Id)); break;
            case WaitKind.Timer: if (cancelled) _effects.Add(new TimerCancelled(wait.Id)); break;
            case WaitKind.Message: _effects.Add(new MessageSubscriptionClosed(wait.Id)); break;
            case WaitKind.ServiceJob: if (cancelled) _effects.Add(new ServiceJobCancelled(wait.Id)); break;
        }
    }

    internal void CloseWaitsOf(TokenState token, bool cancelled)
    {
        for (var i = _state.Waits.Count - 1; i >= 0; i--)
            if (_state.Waits[i].TokenId == token.Id) CloseWait(_state.Waits[i], cancelled);
    }

    /// <summary>A timer fired, a message arrived or a condition became true: the waiting element reacts.</summary>
    private void Trigger(WaitState wait, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        var token = TokenOf(wait);
        var scope = Scope(token.ScopeId);
        var process = ProcessOf(scope).Process;
        var eventNode = process.AllNodes[wait.ElementId];
        if (token.Phase == TokenPhase.Failed && eventNode.Kind != NodeKind.BoundaryEvent) return;

        if (eventNode.Kind == NodeKind.BoundaryEvent)
        {
            SetVariables(token, variables);
            if (eventNode.CancelActivity)
            {
                CancelToken(token);
            }
            else if (wait.Kind == WaitKind.Timer && wait.Cycle is not null && wait.RemainingRepetitions != 0)
            {
                Reschedule(wait, eventNode);
                wait = null!;
            }
            if (wait is not null) CloseWait(wait, cancelled: false);
            var boundaryToken = Place(scope, eventNode, null);
            Schedule(boundaryToken, StepKind.Leave);
            return;
        }

        var tokenNode = process.AllNodes[token.ElementId];
        if (tokenNode.Kind == NodeKind.EventBasedGateway)
        {
            // The first event wins the race: withdraw the others, then pass through the winning catch event.
            SetVariables(token, variables);
            CloseWait(wait, cancelled: false);
            CloseWaitsOf(token, cancelled: true);
            var flow = tokenNode.Outgoing.Find(f => f.TargetRef == eventNode.Id)!;
            EndToken(token, cancelled: false);
            var caught = Place(scope, eventNode, flow.Id);
            Schedule(caught, eventNode.Kind.IsActivity() ? StepKind.Complete : StepKind.Leave);
            return;
        }

        SetVariables(token, variables);
        CloseWait(wait, cancelled: false);
        Schedule(token, eventNode.Kind.IsActivity() ? StepKind.Complete : StepKind.Leave);
    }

    private void Reschedule(WaitState wait, FlowNode eventNode)
    {
        var cycle = (TimerCycle)(eventNode.Event!.Timer ?? TimerExpression.Parse(TimerKind.Cycle, wait.Cycle!, Options.TimeZone));
        var fired = cycle.Repetitions is { } total ? total - wait.RemainingRepetitions : 1;
        var next = TimerSchedule.NextDue(cycle, wait.DueAt!.Value, fired, Options.Calendar);
        _state.Waits.Remove(wait);
        if (next is null) return;
        var again = new WaitState
        {
            Id = _state.NewId(), Kind = WaitKind.Timer, TokenId = wait.TokenId, ElementId = wait.ElementId, DueAt = next,
            Cycle = wait.Cycle, RemainingRepetitions = wait.RemainingRepetitions > 0 ? wait.RemainingRepetitions - 1 : -1,
        };
        _state.Waits.Add(again);
        _effects.Add(new TimerScheduled(again.Id, again.ElementId, next.Value));
    }

    /// <summary>
    /// After the agenda drains: fire inclusive joins whose activation rule now holds and conditional events whose
    /// condition became true. Returns true when something was scheduled.
    /// </summary>
    private bool FireReadyJoinsAndConditions()
    {
        var progressed = false;
        foreach (var token in _state.Tokens.Where(t => t.Phase == TokenPhase.Joining).ToList())
        {
            if (!_state.Tokens.Contains(token) || token.Phase != TokenPhase.Joining) continue;
            var node = NodeOf(token);
            if (node.Kind == NodeKind.InclusiveGateway && Behaviours.InclusiveGatewayBehaviour.TryJoin(this, token, node)) progressed = true;
        }
        foreach (var wait in _state.Waits.Where(w => w.Kind == WaitKind.Conditional).ToList())
        {
            if (!_state.Waits.Contains(wait)) continue;
            var token = TokenOf(wait);
            var node = ProcessOf(Scope(token.ScopeId)).Process.AllNodes[wait.ElementId];
            bool ready;
            try
            {
                ready = Condition(node.Event!.Condition!, token, "condition");
            }
            catch (ProcessFailure failure)
            {
                CloseWait(wait, cancelled: true);
                RaiseIncident(token, failure.Message);
                continue;
            }
            if (!ready) continue;
            Trigger(wait, null);
            progressed = true;
        }
        return progressed || _agenda.Count > 0;
    }
}

/// <summary>What a user task shows in the inbox, resolved from its assignment attributes.</summary>
internal sealed record TaskCreatedDetails(
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    string? Assignee,
    string? FormKey,
    DateTimeOffset? DueAt,
    IReadOnlyDictionary<string, string> Properties);
