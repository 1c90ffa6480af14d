using System.Text.Json.Nodes;
using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;
using WorkflowHost.Engine.Runtime.Behaviours;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// One application of one command. It owns a private copy of the state, drains an agenda of steps (steps raised
/// while executing are queued, never recursed) and collects effects. Thrown <see cref="ProcessFailure"/>s and
/// unexpected exceptions become incidents on the token that was executing.
/// </summary>
internal sealed partial class ExecutionRun
{
    private readonly ExecutableDefinition _definition;
    private readonly IDefinitionResolver? _resolver;
    private readonly List<EngineEffect> _effects = [];
    private readonly Queue<(long TokenId, StepKind Kind)> _agenda = new();
    private readonly Dictionary<long, (ExecutableDefinition Definition, ProcessModel Process)> _processOfScope = [];
    private InstanceState _state;
    private int _matched;
    private int _steps;

    internal enum StepKind { Enter, Execute, Complete, Leave }

    public ExecutionRun(ExecutableDefinition definition, InstanceState? state, DateTimeOffset now, IDefinitionResolver? resolver,
        EngineOptions options, ExpressionEvaluator expressions)
    {
        _definition = definition;
        _state = state!;
        Now = now;
        _resolver = resolver;
        Options = options;
        Expressions = new CommandExpressions(expressions, options.CommandTimeBudget);
    }

    public DateTimeOffset Now { get; }
    public EngineOptions Options { get; }
    public CommandExpressions Expressions { get; }
    public InstanceState State => _state;

    public EngineResult Apply(EngineCommand command)
    {
        using var clock = ExpressionClock.Use(Now);
        if (command is StartInstance start) Start(start);
        else
        {
            if (_state is null) throw new EngineCommandException(CommandRefusal.InvalidState, "The instance has not been started.");
            RefuseWhenEnded(command);
            switch (command)
            {
                case CompleteUserTask c: CompleteWait(c.TaskId, WaitKind.UserTask, "task", c.Variables); break;
                case FireTimer f: Fire(f); break;
                case CorrelateMessage m: Correlate(m); break;
                case DeliverSignal s: DeliverSignal(s); break;
                case CompleteServiceJob j: CompleteWait(j.JobId, WaitKind.ServiceJob, "service job", j.Variables); break;
                case FailServiceJob j: FailJob(j); break;
                case CancelInstance c: Cancel(c.Reason); break;
                case RetryIncident r: Retry(r); break;
                case MigrateInstance m: Migrate(m); break;
                default: throw new EngineCommandException(CommandRefusal.InvalidInput, $"Unknown command {command.GetType().Name}.");
            }
        }
        Drain();
        return new EngineResult(_state, _effects, _matched);
    }

    private void RefuseWhenEnded(EngineCommand command)
    {
        if (_state.Status == InstanceStatus.Active) return;
        if (command is FireTimer) return; // a late timer is a no-op, not an error: the host may fire after the instance ended
        throw new EngineCommandException(CommandRefusal.InvalidState, $"The instance is already {_state.Status.ToString().ToLowerInvariant()}.");
    }

    // ---------------------------------------------------------------- commands

    private void Start(StartInstance command)
    {
        if (_state is not null) throw new EngineCommandException(CommandRefusal.InvalidState, "The instance has already been started.");
        var process = _definition.Process;
        FlowNode startEvent;
        if (command.StartEventId is { } startId)
        {
            if (!process.Root.NodesById.TryGetValue(startId, out var chosen) || chosen.Kind != NodeKind.StartEvent)
                throw new EngineCommandException(CommandRefusal.InvalidInput, $"'{startId}' is not a start event of process '{process.Id}'.");
            startEvent = chosen;
        }
        else
        {
            var none = process.Root.NoneStartEvents.ToList();
            if (none.Count != 1)
                throw new EngineCommandException(CommandRefusal.InvalidInput, none.Count == 0
                    ? $"Process '{process.Id}' has no none start event; it starts by a message or timer."
                    : $"Process '{process.Id}' has {none.Count} none start events; say which one to start (startEventId).");
            startEvent = none[0];
        }
        _state = new InstanceState { ProcessId = process.Id, BusinessKey = command.BusinessKey, Status = InstanceStatus.Active, StartedAt = Now };
        var root = new ScopeState { Id = _state.NewId(), Kind = ScopeKind.Process, ProcessId = process.Id };
        CheckVariableNames(command.Variables);
        RefuseEngineOwned(null, command.Variables);
        if (command.Variables is not null)
            foreach (var (name, value) in command.Variables) root.Variables[name] = value?.DeepClone();
        _state.Scopes.Add(root);
        if (Budget.Exceeded(out var used))
            throw VariablesRefused($"The start variables take {used:N0} bytes; at most {Options.MaxVariablesBytes:N0} are allowed (EngineOptions.MaxVariablesBytes).");
        var token = Place(root, startEvent, null);
        Schedule(token, StepKind.Enter);
        try
        {
            EventSubProcessBehaviour.Listen(this, root);
        }
        catch (ProcessFailure failure)
        {
            RaiseIncident(token, failure.Message);
        }
    }

    /// <summary>
    /// Completes a user task or a service job: its variables are checked (names, engine-owned ones refused) before
    /// anything changes, set on its token, and the token leaves the activity.
    /// </summary>
    private void CompleteWait(long id, WaitKind kind, string what, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        var wait = FindWait(id, kind, what);
        var token = TokenOf(wait);
        CheckVariableNames(variables);
        RefuseEngineOwned(token, variables);
        SetVariables(token, variables);
        CloseWait(wait, cancelled: false);
        Schedule(token, StepKind.Complete);
    }

    private void Fire(FireTimer command)
    {
        var wait = _state.Waits.Find(w => w.Id == command.TimerId && w.Kind == WaitKind.Timer);
        if (wait is null || _state.Status != InstanceStatus.Active) return; // already fired or cancelled: idempotent no-op
        _matched = 1;
        Trigger(wait, null);
    }

    private void Correlate(CorrelateMessage command)
    {
        CheckVariableNames(command.Variables);
        var matching = _state.Waits.Where(w => w.Kind == WaitKind.Message && w.MessageName == command.MessageName).Select(w => w.Id).ToList();
        Deliver(matching, command.Variables);
    }

    private void DeliverSignal(DeliverSignal command)
    {
        CheckVariableNames(command.Variables);
        var matching = _state.Waits.Where(w => w.Kind == WaitKind.Signal && w.SignalName == command.SignalName).Select(w => w.Id).ToList();
        Deliver(matching, command.Variables);
    }

    /// <summary>Triggers each wait a message or signal matched, in the order they were opened.</summary>
    private void Deliver(List<long> matching, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        // Checked for every wait before any is triggered, so a refused message changes nothing.
        foreach (var waitId in matching)
        {
            var wait = _state.Waits.Find(w => w.Id == waitId)!;
            RefuseEngineOwned(wait.ScopeId is null ? TokenOf(wait) : null, variables);
        }
        foreach (var waitId in matching)
        {
            // An earlier delivery may have withdrawn this wait (event-based gateway, interrupting boundary).
            var wait = _state.Waits.Find(w => w.Id == waitId);
            if (wait is null) continue;
            _matched++;
            Trigger(wait, variables);
        }
    }

    private void FailJob(FailServiceJob command)
    {
        var wait = FindWait(command.JobId, WaitKind.ServiceJob, "service job");
        var token = TokenOf(wait);
        CloseWait(wait, cancelled: false);
        if (command.BpmnErrorCode is { } code)
            ThrowError(token, code, command.Message, includeOwnBoundaries: true);
        else
            RaiseIncident(token, $"Service job '{wait.Topic}' at {Describe(token)} failed: {command.Message}", jobId: wait.Id);
    }

    private void Cancel(string? reason)
    {
        var root = RootScope();
        CancelScopeContents(root, TokenEndReason.Cancelled);
        EndInstance(InstanceStatus.Terminated, reason ?? "Cancelled.");
    }

    private void Retry(RetryIncident command)
    {
        var incident = _state.Incidents.Find(i => i.Id == command.IncidentId)
            ?? throw new EngineCommandException(CommandRefusal.NotFound, $"Incident {command.IncidentId} does not exist in this instance.");
        if (incident.Resolved) throw new EngineCommandException(CommandRefusal.InvalidState, $"Incident {command.IncidentId} is already resolved.");
        CheckVariableNames(command.Variables);
        var token = FindToken(incident.TokenId);
        RefuseEngineOwned(token, command.Variables);
        incident.Resolved = true;
        _effects.Add(new IncidentResolved(incident.Id));
        if (token is null) return;
        SetVariables(token, command.Variables);
        token.Phase = TokenPhase.Waiting;
        var node = NodeOf(token);
        if (incident.JobId is not null) RequestJob(token, node);
        else if (incident.OnLeave) Schedule(token, node.Kind.IsActivity() ? StepKind.Complete : StepKind.Leave);
        else Schedule(token, node.Kind.IsActivity() ? StepKind.Execute : StepKind.Enter);
    }

    // ---------------------------------------------------------------- agenda

    internal void Schedule(TokenState token, StepKind kind) => _agenda.Enqueue((token.Id, kind));

    private void Drain()
    {
        for (var round = 0; round < 1000; round++)
        {
            while (_agenda.Count > 0)
            {
                var (tokenId, kind) = _agenda.Dequeue();
                var token = FindToken(tokenId);
                if (token is null || token.Phase == TokenPhase.Failed) continue;
                if (++_steps > Options.MaxStepsPerCommand)
                {
                    StopRunaway(token);
                    return;
                }
                RunStep(token, kind);
            }
            if (_state.Status != InstanceStatus.Active) return;
            if (!FireReadyJoinsAndConditions()) return;
        }
    }

    private void RunStep(TokenState token, StepKind kind)
    {
        try
        {
            switch (kind)
            {
                case StepKind.Enter:
                    var entered = NodeOf(token);
                    NodeBehaviours.For(entered).Enter(this, token, entered);
                    break;
                case StepKind.Execute:
                    var repeated = NodeOf(token);
                    ((ActivityBehaviour)NodeBehaviours.For(repeated)).Execute(this, token, repeated);
                    break;
                case StepKind.Complete:
                    var completed = NodeOf(token);
                    NodeBehaviours.For(completed).Complete(this, token, completed);
                    break;
                case StepKind.Leave: LeaveElement(token); break;
            }
        }
        catch (ProcessFailure failure)
        {
            RaiseIncident(token, failure.Message, onLeave: kind is StepKind.Leave or StepKind.Complete);
        }
        catch (Exception ex) when (ex is not EngineCommandException)
        {
            RaiseIncident(token, $"Unexpected failure at {Describe(token)}: {ex.Message}", onLeave: kind is StepKind.Leave or StepKind.Complete);
        }
    }

    private void StopRunaway(TokenState current)
    {
        var stranded = new List<TokenState> { current };
        while (_agenda.Count > 0)
        {
            var token = FindToken(_agenda.Dequeue().TokenId);
            if (token is not null && !stranded.Contains(token)) stranded.Add(token);
        }
        foreach (var token in stranded)
            RaiseIncident(token, $"The instance ran more than {Options.MaxStepsPerCommand} steps without reaching a wait state (at {Describe(token)}); check for a loop without a user task or timer.");
    }

    // ---------------------------------------------------------------- lookups

    internal ScopeState RootScope() => _state.Scopes.Find(s => s.ParentId is null)!;

    internal ScopeState Scope(long id) => _state.Scopes.Find(s => s.Id == id)
        ?? throw new InvalidOperationException($"Scope {id} is missing from the instance state.");

    internal TokenState? FindToken(long id) => _state.Tokens.Find(t => t.Id == id);

    private TokenState TokenOf(WaitState wait) => FindToken(wait.TokenId)
        ?? throw new EngineCommandException(CommandRefusal.InvalidState, $"The wait {wait.Id} has no token; the state is inconsistent.");

    private WaitState FindWait(long id, WaitKind kind, string what)
    {
        var wait = _state.Waits.Find(w => w.Id == id && w.Kind == kind);
        if (wait is not null) return wait;
        throw new EngineCommandException(CommandRefusal.NotFound, $"The {what} {id} is not open in this instance.");
    }

    /// <summary>The definition and process whose elements run in a scope (the caller's, or a called process').</summary>
    internal (ExecutableDefinition Definition, ProcessModel Process) ProcessOf(ScopeState scope)
    {
        if (_processOfScope.TryGetValue(scope.Id, out var known)) return known;
        (ExecutableDefinition, ProcessModel) result;
        if (scope.Kind == ScopeKind.Process) result = (_definition, _definition.Process);
        else if (scope.Kind == ScopeKind.CalledProcess)
        {
            var definition = scope.CalledDefinitionKey is { } key
                ? _resolver?.Resolve(key, scope.CalledDefinitionVersion) ?? throw new ProcessFailure($"The called definition '{key}' version {scope.CalledDefinitionVersion} is no longer available.")
                : ProcessOf(Scope(scope.ParentId!.Value)).Item1;
            result = (definition, definition.Document.Processes[scope.ProcessId]);
        }
        else result = ProcessOf(Scope(scope.ParentId!.Value));
        _processOfScope[scope.Id] = result;
        return result;
    }

    internal FlowNode NodeOf(TokenState token)
    {
        var process = ProcessOf(Scope(token.ScopeId)).Process;
        return process.AllNodes.TryGetValue(token.ElementId, out var node)
            ? node
            : throw new ProcessFailure($"Element '{token.ElementId}' does not exist in process '{process.Id}'.");
    }

    internal ScopeVariables VariablesFor(TokenState token) => new(_state, Scope(token.LocalScopeId ?? token.ScopeId), Budget);

    internal string Describe(TokenState token)
    {
        var process = ProcessOf(Scope(token.ScopeId)).Process;
        return process.AllNodes.TryGetValue(token.ElementId, out var node) ? Describe(node) : $"'{token.ElementId}'";
    }

    internal static string Describe(FlowNode node) =>
        node.Name is { Length: > 0 } name ? $"{node.ElementType} '{name}' ({node.Id})" : $"{node.ElementType} '{node.Id}'";

    // ---------------------------------------------------------------- variables and expressions

    private static void CheckVariableNames(IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (variables is null) return;
        foreach (var name in variables.Keys)
            if (string.IsNullOrWhiteSpace(name))
                throw new EngineCommandException(CommandRefusal.InvalidInput, "A variable name is empty.");
    }

    /// <summary>The multi-instance counters and the standard loop's counter: written by the engine only.</summary>
    private static readonly HashSet<string> LoopVariables = new(StringComparer.Ordinal)
        { "loopCounter", "nrOfInstances", "nrOfCompletedInstances", "nrOfActiveInstances" };

    /// <summary>
    /// Refuses (decision 14) a command whose variables name what the engine owns: the loop counters, the element
    /// variable of a multi-instance activity the token is inside, and any multi-instance output collection of the
    /// document. Otherwise one department's completion could move its answer into another's slot (loopCounter), pose
    /// as another department (the element variable) or rewrite every gathered opinion (the output collection).
    /// </summary>
    private void RefuseEngineOwned(TokenState? token, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (variables is null || variables.Count == 0) return;
        foreach (var name in variables.Keys)
        {
            string? why = null;
            if (LoopVariables.Contains(name)) why = "a loop counter the engine keeps";
            else if (OutputCollections().Contains(name)) why = "the output collection a multi-instance activity gathers";
            else if (token is not null)
            {
                for (var scope = FindScope(token.ScopeId); scope is not null; scope = scope.ParentId is { } p ? FindScope(p) : null)
                {
                    if (scope.Kind != ScopeKind.MultiInstanceBody || scope.ElementId is not { } elementId) continue;
                    var node = ProcessOf(scope).Process.AllNodes.GetValueOrDefault(elementId);
                    if (node?.Loop?.ElementVariable == name) { why = $"the element variable of multi-instance {Describe(node)}"; break; }
                }
            }
            if (why is not null)
                throw new EngineCommandException(CommandRefusal.InvalidInput, $"The variable '{name}' is {why}; task completions, messages and retries may not set it.");
        }
    }

    private HashSet<string>? _outputCollections;

    private HashSet<string> OutputCollections() => _outputCollections ??= _definition.Document.Processes.Values
        .SelectMany(p => p.AllNodes.Values).Select(n => n.Loop?.OutputCollection).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private ScopeState? FindScope(long id)
    {
        foreach (var scope in _state.Scopes)
            if (scope.Id == id) return scope;
        return null;
    }

    /// <summary>Writes a command's variables; past the instance's cap the whole command is refused, naming <c>variables</c>.</summary>
    internal void SetVariables(TokenState token, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (variables is null || variables.Count == 0) return;
        var access = VariablesFor(token);
        try
        {
            foreach (var (name, value) in variables) access.SetVariable(name, value?.DeepClone());
        }
        catch (ProcessFailure tooLarge)
        {
            throw VariablesRefused(tooLarge.Message);
        }
    }

    /// <summary>Writes a command's variables as seen from a scope (an event subprocess that a message started).</summary>
    internal void SetVariables(ScopeState scope, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        if (variables is null || variables.Count == 0) return;
        var access = new ScopeVariables(_state, scope, Budget);
        try
        {
            foreach (var (name, value) in variables) access.SetVariable(name, value?.DeepClone());
        }
        catch (ProcessFailure tooLarge)
        {
            throw VariablesRefused(tooLarge.Message);
        }
    }

    private static EngineCommandException VariablesRefused(string message) => new(CommandRefusal.InvalidInput, message, "variables");

    private VariablesBudget? _budget;

    /// <summary>The cap on the instance's variables, shared by every write of this command.</summary>
    internal VariablesBudget Budget => _budget ??= new VariablesBudget(_state, Options.MaxVariablesBytes);

    internal JsonNode? Evaluate(CompiledExpression expression, TokenState token, string what) =>
        ExpressionGuard.Run((Run: this, Expression: expression, Token: token),
            static s => s.Run.Expressions.Evaluate(s.Expression, s.Run.VariablesFor(s.Token)), what, static s => s.Run.NodeOf(s.Token));

    internal bool Condition(CompiledExpression expression, TokenState token, string what) =>
        ExpressionGuard.Run((Run: this, Expression: expression, Token: token),
            static s => s.Run.Expressions.EvaluateCondition(s.Expression, s.Run.VariablesFor(s.Token)), what, static s => s.Run.NodeOf(s.Token));

    internal void AddEffect(EngineEffect effect) => _effects.Add(effect);
}
