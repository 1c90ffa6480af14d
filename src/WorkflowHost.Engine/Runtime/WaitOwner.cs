namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Who a wait belongs to: a token (tasks, catch events, boundary events of its activity) or a scope (the start
/// events of the event subprocesses a process or subprocess listens with while it runs).
/// </summary>
internal readonly record struct WaitOwner(TokenState? Token, ScopeState? Scope)
{
    public static WaitOwner Of(TokenState token) => new(token, null);

    public static WaitOwner Of(ScopeState scope) => new(null, scope);

    public WaitState NewWait(InstanceState state, WaitKind kind, Model.FlowNode eventNode) => new()
    {
        Id = state.NewId(), Kind = kind, TokenId = Token?.Id ?? 0, ScopeId = Scope?.Id, ElementId = eventNode.Id,
    };
}
