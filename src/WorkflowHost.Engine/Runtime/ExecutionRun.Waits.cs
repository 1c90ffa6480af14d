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
                case EventKind.Signal: ListenForSignal(WaitOwner.Of(token), boundary, boundary.Event.SignalName!); break;
                case EventKind.Conditional: WaitForCondition(token, boundary); break;
            }
        }
    }

    internal WaitState ScheduleTimer(TokenState token, FlowNode eventNode) => ScheduleTimer(WaitOwner.Of(token), eventNode);

    /// <summary>Schedules the timer of an event for a token or, for an event subprocess start, a scope.</summary>
    internal WaitState ScheduleTimer(WaitOwner owner, FlowNode eventNode)
    {
        var definition = eventNode.Event!;
        var timer = definition.Timer;
        if (timer is null)
        {
            if (definition.TimerExpression is null)
                throw new ProcessFailure($"The timer of {Describe(eventNode)} has no usable definition.");
            var variables = VariablesOf(owner);
            var value = ExpressionGuard.Run(() => Expressions.Evaluate(definition.TimerExpression, variables), "timer expression", eventNode);
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
        var wait = owner.NewWait(_state, WaitKind.Timer, eventNode);
        wait.DueAt = due;
        if (timer is TimerCycle cycle)
        {
            wait.Cycle = definition.TimerText;
            wait.RemainingRepetitions = cycle.Repetitions is { } r ? r - 1 : -1;
        }
        _state.Waits.Add(wait);
        _effects.Add(new TimerScheduled(wait.Id, eventNode.Id, wait.DueAt!.Value));
        return wait;
    }

    internal WaitState Subscribe(TokenState token, FlowNode eventNode, string messageName) => Subscribe(WaitOwner.Of(token), eventNode, messageName);

    internal WaitState Subscribe(WaitOwner owner, FlowNode eventNode, string messageName)
    {
        var wait = owner.NewWait(_state, WaitKind.Message, eventNode);
        wait.MessageName = messageName;
        _state.Waits.Add(wait);
        _effects.Add(new MessageSubscriptionOpened(wait.Id, messageName, eventNode.Id));
        return wait;
    }

    /// <summary>Listens for a broadcast signal; the host finds the instance by the signal name.</summary>
    internal WaitState ListenForSignal(WaitOwner owner, FlowNode eventNode, string signalName)
    {
        var wait = owner.NewWait(_state, WaitKind.Signal, eventNode);
        wait.SignalName = signalName;
        _state.Waits.Add(wait);
        _effects.Add(new SignalSubscriptionOpened(wait.Id, signalName, eventNode.Id));
        return wait;
    }

    internal WaitState WaitForCondition(TokenState token, FlowNode eventNode) => WaitForCondition(WaitOwner.Of(token), eventNode);

    internal WaitState WaitForCondition(WaitOwner owner, FlowNode eventNode)
    {
        var wait = owner.NewWait(_state, WaitKind.Conditional, eventNode);
        _state.Waits.Add(wait);
        return wait;
    }

    /// <summary>Variables as the owner of a wait sees them (a token's, or a listening scope's).</summary>
    internal ScopeVariables VariablesOf(WaitOwner owner) => owner.Token is { } token ? VariablesFor(token) : new(_state, owner.Scope!);

    internal ScopeVariables VariablesOf(WaitState wait) => wait.ScopeId is { } scopeId ? new(_state, Scope(scopeId)) : VariablesFor(TokenOf(wait));

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
            case WaitKind.Signal: _effects.Add(new SignalSubscriptionClosed(wait.Id)); break;
            case WaitKind.ServiceJob: if (cancelled) _effects.Add(new ServiceJobCancelled(wait.Id)); break;
        }
    }

    internal void CloseWaitsOf(TokenState token, bool cancelled)
    {
        for (var i = _state.Waits.Count - 1; i >= 0; i--)
            if (_state.Waits[i].TokenId == token.Id && _state.Waits[i].ScopeId is null) CloseWait(_state.Waits[i], cancelled);
    }

    /// <summary>Withdraws the event-subprocess start waits a scope listens with (the scope ended or was interrupted).</summary>
    internal void CloseWaitsOf(ScopeState scope)
    {
        for (var i = _state.Waits.Count - 1; i >= 0; i--)
            if (i < _state.Waits.Count && _state.Waits[i].ScopeId == scope.Id) CloseWait(_state.Waits[i], cancelled: true);
    }

    /// <summary>
    /// A timer fired, a message arrived or a condition became true: the element that reacts is the boundary event
    /// for waits on an activity's boundary, else the element the token is at (a catch event, a receive task, an
    /// event-based gateway).
    /// </summary>
    private void Trigger(WaitState wait, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (wait.ScopeId is { } scopeId)
        {
            Behaviours.EventSubProcessBehaviour.Trigger(this, Scope(scopeId), wait, variables);
            return;
        }
        var token = TokenOf(wait);
        var process = ProcessOf(Scope(token.ScopeId)).Process;
        var eventNode = process.AllNodes[wait.ElementId];
        var reactor = eventNode.Kind == NodeKind.BoundaryEvent ? eventNode : process.AllNodes[token.ElementId];
        // A boundary event still interrupts an activity stopped by an incident; the stopped element itself does not react.
        if (token.Phase == TokenPhase.Failed && reactor.Kind != NodeKind.BoundaryEvent) return;
        Behaviours.NodeBehaviours.For(reactor).Trigger(this, token, reactor, wait, eventNode, variables);
    }

    /// <summary>A timer cycle fired: its next occurrence replaces it (none after the last repetition).</summary>
    internal void RescheduleCycle(WaitState wait, FlowNode eventNode)
    {
        var cycle = (TimerCycle)(eventNode.Event!.Timer ?? TimerExpression.Parse(TimerKind.Cycle, wait.Cycle!, Options.TimeZone));
        var fired = cycle.Repetitions is { } total ? total - wait.RemainingRepetitions : 1;
        var next = TimerSchedule.NextDue(cycle, wait.DueAt!.Value, fired, Options.Calendar);
        _state.Waits.Remove(wait);
        if (next is null) return;
        var again = new WaitState
        {
            Id = _state.NewId(), Kind = WaitKind.Timer, TokenId = wait.TokenId, ScopeId = wait.ScopeId, ElementId = wait.ElementId, DueAt = next,
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
            var token = wait.ScopeId is null ? TokenOf(wait) : null;
            var process = ProcessOf(token is null ? Scope(wait.ScopeId!.Value) : Scope(token.ScopeId)).Process;
            var node = process.AllNodes[wait.ElementId];
            bool ready;
            try
            {
                var variables = VariablesOf(wait);
                ready = ExpressionGuard.Run(() => Expressions.EvaluateCondition(node.Event!.Condition!, variables), "condition", node);
            }
            catch (ProcessFailure failure)
            {
                CloseWait(wait, cancelled: true);
                if (token is not null) RaiseIncident(token, failure.Message);
                else RaiseScopeIncident(wait, failure.Message);
                continue;
            }
            // A wait that stays open after firing (non-interrupting) fires again only once the condition was false in between.
            var fires = ready && !wait.ConditionHeld;
            wait.ConditionHeld = ready;
            if (!fires) continue;
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
