namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Why a token left its element. History keeps only "cancelled or not", but the engine names each way so a reader
/// of the run (and of <see cref="ElementEnded"/>) can tell a finished step from one that another event cut short.
/// </summary>
public enum TokenEndReason
{
    /// <summary>The element did its work and the token moved on (or ended at an end event).</summary>
    Completed,
    /// <summary>The token was merged with others at a joining gateway.</summary>
    Joined,
    /// <summary>An interrupting boundary event, error, escalation or event subprocess withdrew it.</summary>
    Interrupted,
    /// <summary>Another event after the same event-based gateway happened first.</summary>
    RaceLost,
    /// <summary>A terminate end event ended its scope.</summary>
    Terminated,
    /// <summary>The instance was cancelled by a command.</summary>
    Cancelled,
    /// <summary>A multi-instance completion condition held, so the remaining instances were withdrawn.</summary>
    CompletionConditionMet,
}

/// <summary>Helpers over <see cref="TokenEndReason"/>.</summary>
public static class TokenEndReasons
{
    /// <summary>True when the element did not finish its own work (history shows it as cancelled).</summary>
    public static bool IsCancellation(this TokenEndReason reason) => reason is not (TokenEndReason.Completed or TokenEndReason.Joined);
}
