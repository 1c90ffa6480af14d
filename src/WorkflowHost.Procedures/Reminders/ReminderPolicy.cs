namespace WorkflowHost.Procedures.Reminders;

/// <summary>
/// When the people working a procedure's steps are reminded, set per procedure in its catalogue file
/// (<c>"reminders"</c>) with <see cref="Default"/> for procedures that say nothing.
/// </summary>
/// <param name="BeforeDueWorkingDays">Working days before a step's due instant to warn who works it; 0 for no early warning.</param>
/// <param name="AtDue">Whether who works the step is reminded at its due instant.</param>
/// <param name="Escalate">Whether the unit's leader and manager are told when a step passes its due instant. The step
/// and the dossier are marked overdue either way.</param>
public sealed record ReminderPolicy(int BeforeDueWorkingDays, bool AtDue, bool Escalate)
{
    /// <summary>One working day before, at the due instant, and escalation at breach (issue 11).</summary>
    public static readonly ReminderPolicy Default = new(1, true, true);
}
