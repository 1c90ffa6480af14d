using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Parsing;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Validation;

namespace WorkflowHost.Engine;

/// <summary>
/// The engine as a pure function: <c>(definition, state, command, now) -> (state', effects)</c>. It keeps no
/// clock, storage or thread of its own; one instance is shared by the whole host and is thread-safe.
/// </summary>
public sealed class BpmnEngine
{
    private readonly ExpressionEvaluator _expressions;

    public BpmnEngine(EngineOptions? options = null)
    {
        Options = options ?? new EngineOptions();
        _expressions = new ExpressionEvaluator(Options.ExpressionLimits, Options.ExpressionGlobals);
    }

    public EngineOptions Options { get; }

    /// <summary>
    /// Parses, validates and compiles a BPMN document. Never throws for bad input: unreadable or hostile XML,
    /// unsupported elements and broken references come back as errors in the report.
    /// </summary>
    /// <param name="processId">Which process to make executable when the document holds several (default: the first executable one).</param>
    /// <param name="resolver">Used to check that call activity targets exist; targets in the same document always resolve.</param>
    public LoadResult Load(string xml, string? processId = null, IDefinitionResolver? resolver = null)
    {
        var report = new ValidationReport(Options.Messages);
        var document = BpmnParser.TryParse(xml, Options, report);
        if (document is null) return new LoadResult(null, report);
        var process = DefinitionValidator.Validate(document, processId, resolver, Options, report);
        if (process is null || report.HasErrors) return new LoadResult(null, report);
        return new LoadResult(new ExecutableDefinition(document, process, report), report);
    }

    /// <summary>
    /// Applies one command. <paramref name="state"/> is not modified (a deep copy is advanced), so a host may
    /// discard the result on a failed commit. Throws <see cref="EngineCommandException"/> when the command does
    /// not apply; failures inside the process become incidents in the returned state.
    /// </summary>
    public EngineResult Execute(ExecutableDefinition definition, InstanceState? state, EngineCommand command,
        DateTimeOffset now, IDefinitionResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(command);
        var working = state is null ? null : InstanceStateSerializer.Clone(state);
        var run = new ExecutionRun(definition, working, now, resolver, Options, _expressions);
        return run.Apply(command);
    }
}
