using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Timers;

namespace WorkflowHost.Engine;

/// <summary>Settings of a <see cref="BpmnEngine"/>; the host builds one at start-up.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// The validation messages in the caller's UI language (<see cref="Validation.ValidationMessages"/>); English when
    /// null. Only deployment-time validation speaks through it; nothing at run time does.
    /// </summary>
    public Microsoft.Extensions.Localization.IStringLocalizer<Validation.ValidationMessages>? Messages { get; init; }

    /// <summary>Documents larger than this are refused before parsing (default 5 MB).</summary>
    public long MaxDocumentBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Deepest XML element nesting accepted (guards the parser's stack).</summary>
    public int MaxXmlDepth { get; init; } = 256;

    /// <summary>Sandbox limits of every expression and script.</summary>
    public ExpressionLimits ExpressionLimits { get; init; } = ExpressionLimits.Default;

    /// <summary>Values and functions the host exposes to expressions by name (never CLR types).</summary>
    public IReadOnlyDictionary<string, object>? ExpressionGlobals { get; init; }

    /// <summary>Calendar used to add durations (the seam for working-day calendars).</summary>
    public IBusinessCalendar Calendar { get; init; } = PlainCalendar.Instance;

    /// <summary>Time zone for timer dates written without an offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>How many elements one command may execute before the instance is stopped with an incident (guards endless loops).</summary>
    public int MaxStepsPerCommand { get; init; } = 10_000;

    /// <summary>
    /// Wall-clock time all expressions and scripts of one command may take together (default 2 s); past it, the next
    /// evaluation fails as a timeout and its token stops with an incident. Zero or less: no budget.
    /// </summary>
    public TimeSpan CommandTimeBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Most instances one multi-instance activity may start (default 1,000); more stops its token with an incident.</summary>
    public int MaxMultiInstanceItems { get; init; } = 1_000;

    /// <summary>
    /// Largest size of one instance's variables together, as UTF-8 JSON with their names (default 1 MiB), so that many
    /// completions cannot grow one instance's stored state without bound. A command whose own variables would take the
    /// instance past it is refused (<see cref="Runtime.CommandRefusal.InvalidInput"/>, field <c>variables</c>) and changes
    /// nothing; a script or mapping that would is stopped with an incident. Zero or less: no cap.
    /// </summary>
    public long MaxVariablesBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of call activities before an incident is raised (guards cyclic calls).</summary>
    public int MaxCallDepth { get; init; } = 32;
}
