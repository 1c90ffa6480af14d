using System.Text.Json.Nodes;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Runtime.Behaviours;

namespace WorkflowHost.Engine.Runtime;

/// <summary>The life of a token at an element: arrive, execute (with loops and multi-instance), complete, leave.</summary>
internal sealed partial class ExecutionRun
{
    /// <summary>Creates a token at a node and records that the element started.</summary>
    internal TokenState Place(ScopeState scope, FlowNode node, string? via)
    {
        var token = new TokenState
        {
            Id = _state.NewId(),
            ScopeId = scope.Id,
            ElementId = node.Id,
            ArrivedVia = via,
            ElementInstanceId = _state.NextId - 1,
            EnteredAt = Now,
        };
        _state.Tokens.Add(token);
        _effects.Add(new ElementStarted(token.ElementInstanceId, node.Id, node.ElementType, Now));
        return token;
    }

    /// <summary>A token arrives at a node over a flow (or a jump) and will be entered.</summary>
    internal TokenState Arrive(ScopeState scope, FlowNode node, string? via)
    {
        var token = Place(scope, node, via);
        Schedule(token, StepKind.Enter);
        return token;
    }

    internal void FinishActivity(TokenState token, FlowNode node)
    {
        CloseWaitsOf(token, cancelled: true);
        if (IsInnerInstance(token, node))
        {
            EndToken(token, TokenEndReason.Completed);
            MultiInstance.ItemCompleted(this, Scope(token.ScopeId));
            return;
        }
        Compensation.Record(this, token, node);
        LeaveElement(token);
    }

    /// <summary>The element is finished: take its outgoing flows (conditions and default flow honoured).</summary>
    internal void LeaveElement(TokenState token)
    {
        var node = NodeOf(token);
        token.Phase = TokenPhase.Waiting;
        var flows = SelectOutgoing(token, node);
        TakeFlows(token, flows);
    }

    private List<SequenceFlow> SelectOutgoing(TokenState token, FlowNode node)
    {
        var selected = new List<SequenceFlow>(node.Outgoing.Count);
        var hasConditions = false;
        foreach (var flow in node.Outgoing)
        {
            if (flow == node.DefaultFlow) continue;
            if (flow.Condition is null)
            {
                if (flow.ConditionText is null) selected.Add(flow);
                continue;
            }
            hasConditions = true;
            if (Condition(flow.Condition, token, $"condition of sequence flow '{flow.Id}' leaving")) selected.Add(flow);
        }
        if (selected.Count == 0 && node.DefaultFlow is not null) selected.Add(node.DefaultFlow);
        if (selected.Count == 0 && hasConditions)
            throw new ProcessFailure($"No outgoing sequence flow of {Describe(node)} has a true condition and there is no default flow.");
        return selected;
    }

    /// <summary>Ends the token at its element and starts one token per flow in the same scope.</summary>
    internal void TakeFlows(TokenState token, IReadOnlyList<SequenceFlow> flows)
    {
        var scope = Scope(token.ScopeId);
        EndToken(token, TokenEndReason.Completed);
        foreach (var flow in flows) Arrive(scope, flow.Target, flow.Id);
        if (flows.Count == 0) CheckScopeEnd(scope);
    }

    /// <summary>Removes a token that finished or was withdrawn, with its history record saying why.</summary>
    internal void EndToken(TokenState token, TokenEndReason reason)
    {
        var node = ProcessOf(Scope(token.ScopeId)).Process.AllNodes.GetValueOrDefault(token.ElementId);
        _effects.Add(new ElementEnded(token.ElementInstanceId, token.ElementId, node?.ElementType ?? "unknown", Now, reason));
        _state.Tokens.Remove(token);
    }

    /// <summary>Consumes a token without taking any flow (end events, implicit ends) and completes its scope if it was the last.</summary>
    internal void ConsumeToken(TokenState token)
    {
        var scope = Scope(token.ScopeId);
        EndToken(token, TokenEndReason.Completed);
        CheckScopeEnd(scope);
    }

    internal void CheckScopeEnd(ScopeState scope)
    {
        if (!_state.Scopes.Contains(scope)) return;
        foreach (var t in _state.Tokens) if (t.ScopeId == scope.Id) return;
        // Running multi-instance items, event subprocesses and compensation handlers keep their scope alive.
        foreach (var s in _state.Scopes) if (s.ParentId == scope.Id && s.Kind is ScopeKind.MultiInstanceItem or ScopeKind.EventSubProcess or ScopeKind.Compensation) return;
        CompleteScope(scope);
    }

    private void CompleteScope(ScopeState scope)
    {
        CloseWaitsOf(scope);
        switch (scope.Kind)
        {
            case ScopeKind.EventSubProcess:
                EventSubProcessBehaviour.Completed(this, scope);
                break;
            case ScopeKind.Compensation:
                Compensation.HandlerDone(this, scope);
                break;
            case ScopeKind.Process:
                EndInstance(InstanceStatus.Completed, null);
                break;
            case ScopeKind.SubProcess or ScopeKind.CalledProcess:
                if (scope.OwnerTokenId is not { } ownerId || FindToken(ownerId) is not { } owner)
                {
                    _state.Scopes.Remove(scope);
                    break;
                }
                var ownerNode = NodeOf(owner);
                ((ActivityBehaviour)NodeBehaviours.For(ownerNode)).ChildScopeCompleted(this, owner, ownerNode, scope);
                break;
            case ScopeKind.MultiInstanceItem:
                MultiInstance.ItemCompleted(this, scope);
                break;
            case ScopeKind.MultiInstanceBody:
                MultiInstance.Finish(this, scope);
                break;
        }
    }

    internal void EndInstance(InstanceStatus status, string? reason)
    {
        if (_state.Status != InstanceStatus.Active) return;
        _state.Status = status;
        _state.EndedAt = Now;
        // Whatever still listens (the process' event-subprocess starts after a cancel or terminate) is withdrawn.
        for (var i = _state.Waits.Count - 1; i >= 0; i--) CloseWait(_state.Waits[i], cancelled: true);
        foreach (var incident in _state.Incidents.Where(i => !i.Resolved))
        {
            incident.Resolved = true;
            _effects.Add(new IncidentResolved(incident.Id));
        }
        _effects.Add(status == InstanceStatus.Completed ? new InstanceCompleted() : new InstanceTerminated(reason));
    }

    // ---------------------------------------------------------------- cancellation

    /// <summary>Withdraws a token before it finished: its element's behaviour decides what that involves.</summary>
    internal void CancelToken(TokenState token, TokenEndReason reason)
    {
        var process = ProcessOf(Scope(token.ScopeId)).Process;
        if (process.AllNodes.TryGetValue(token.ElementId, out var node)) NodeBehaviours.For(node).Cancel(this, token, node, reason);
        else Withdraw(token, reason);
    }

    /// <summary>The common part of every cancellation: a token and everything under it (waits, child scopes, local scope).</summary>
    internal void Withdraw(TokenState token, TokenEndReason reason)
    {
        CloseWaitsOf(token, cancelled: true);
        foreach (var child in _state.Scopes.Where(s => s.OwnerTokenId == token.Id).ToList())
            CancelScope(child, reason);
        DisposeLocalScope(token);
        foreach (var incident in _state.Incidents.Where(i => i.TokenId == token.Id && !i.Resolved))
        {
            incident.Resolved = true;
            _effects.Add(new IncidentResolved(incident.Id));
        }
        if (_state.Tokens.Contains(token)) EndToken(token, reason);
    }

    internal void CancelScope(ScopeState scope, TokenEndReason reason)
    {
        CloseWaitsOf(scope);
        CancelScopeContents(scope, reason);
        _state.Scopes.Remove(scope);
        if (scope.Kind == ScopeKind.EventSubProcess)
            _effects.Add(new ElementEnded(scope.Id, scope.ElementId ?? "", "subProcess", Now, reason));
    }

    internal void CancelScopeContents(ScopeState scope, TokenEndReason reason)
    {
        foreach (var token in _state.Tokens.Where(t => t.ScopeId == scope.Id).ToList()) CancelToken(token, reason);
        foreach (var child in _state.Scopes.Where(s => s.ParentId == scope.Id).ToList()) CancelScope(child, reason);
    }

    internal void DisposeLocalScope(TokenState token)
    {
        if (token.LocalScopeId is not { } localId) return;
        _state.Scopes.RemoveAll(s => s.Id == localId);
        token.LocalScopeId = null;
    }

    internal ScopeState EnsureLocalScope(TokenState token)
    {
        if (token.LocalScopeId is { } existing) return Scope(existing);
        var local = new ScopeState { Id = _state.NewId(), ParentId = token.ScopeId, Kind = ScopeKind.Activity, ProcessId = Scope(token.ScopeId).ProcessId, ElementId = token.ElementId };
        _state.Scopes.Add(local);
        token.LocalScopeId = local.Id;
        return local;
    }

    internal static bool IsInnerInstance(ScopeState scope, FlowNode node) =>
        scope.Kind == ScopeKind.MultiInstanceItem && scope.ElementId == node.Id;

    internal bool IsInnerInstance(TokenState token, FlowNode node) => node.Loop is { IsMultiInstance: true } && IsInnerInstance(Scope(token.ScopeId), node);

    // ---------------------------------------------------------------- incidents and errors

    internal void RaiseIncident(TokenState token, string message, long? jobId = null, bool onLeave = false)
    {
        if (!_state.Tokens.Contains(token)) return;
        token.Phase = TokenPhase.Failed;
        var incident = new IncidentState
        {
            Id = _state.NewId(), TokenId = token.Id, ElementId = token.ElementId, Message = message, RaisedAt = Now, JobId = jobId, OnLeave = onLeave,
        };
        _state.Incidents.Add(incident);
        _effects.Add(new IncidentRaised(incident.Id, token.ElementId, message));
    }

    /// <summary>An incident of a scope-owned wait (an event subprocess' start condition failed): no token stopped.</summary>
    internal void RaiseScopeIncident(WaitState wait, string message)
    {
        var incident = new IncidentState { Id = _state.NewId(), TokenId = 0, ElementId = wait.ElementId, Message = message, RaisedAt = Now };
        _state.Incidents.Add(incident);
        _effects.Add(new IncidentRaised(incident.Id, wait.ElementId, message));
    }

    /// <summary>
    /// Throws a BPMN error from a token (<see cref="EventPropagation"/> finds the catcher); an uncaught error is an
    /// incident at the thrower, as the spec's "unhandled error" is a fault of the model or the data.
    /// </summary>
    internal void ThrowError(TokenState thrower, string? code, string? message, bool includeOwnBoundaries)
    {
        if (EventPropagation.Throw(this, thrower, EventKind.Error, code, includeOwnBoundaries)) return;
        var detail = message is null ? "" : $" ({message})";
        RaiseIncident(thrower, $"Error '{code ?? "(no code)"}' thrown at {Describe(thrower)} is not caught by any error boundary event or error event subprocess{detail}.");
    }
}
