namespace WorkflowHost.Engine.Runtime;

/// <summary>What one command did: the new state and the effects the host must commit with it.</summary>
public sealed class EngineResult
{
    internal EngineResult(InstanceState state, IReadOnlyList<EngineEffect> effects, int matched)
    {
        State = state;
        Effects = effects;
        MatchedWaits = matched;
    }

    public InstanceState State { get; }
    public IReadOnlyList<EngineEffect> Effects { get; }
    /// <summary>For <see cref="CorrelateMessage"/>: how many waits the message satisfied (0 = nothing changed).</summary>
    public int MatchedWaits { get; }
}

/// <summary>Why a command was refused. The state passed in is unchanged.</summary>
public enum CommandRefusal { NotFound, InvalidState, InvalidInput }

/// <summary>
/// Thrown when a command cannot apply (unknown task, instance already ended, bad variables). The engine never
/// throws for failures inside the process: those become incidents.
/// </summary>
public sealed class EngineCommandException(CommandRefusal refusal, string message, string? field = null) : Exception(message)
{
    public CommandRefusal Refusal { get; } = refusal;

    /// <summary>The command's field at fault, when one is (<c>variables</c>), so the host can name it to the caller.</summary>
    public string? Field { get; } = field;
}

/// <summary>A migration map does not fit the running instance; nothing was changed.</summary>
public sealed class MigrationException(IReadOnlyList<string> problems)
    : Exception("The instance cannot be migrated: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
