namespace WorkflowHost.Procedures.Forms;

/// <summary>A field a user task declares with <c>camunda:formField</c>: what a completion may set, and how.</summary>
/// <param name="Type">string, long, boolean, date or enum (Camunda 7's built-in form field types).</param>
/// <param name="Values">The choices of an enum field.</param>
public sealed record FormField(string Id, string? Label, string Type, bool Required, IReadOnlyList<FormFieldValue> Values, string? DefaultValue, bool ReadOnly);

/// <summary>One choice of an enum form field.</summary>
public sealed record FormFieldValue(string Id, string? Name);

/// <summary>The form of a user task: its declared fields, and whether other variables are accepted too.</summary>
/// <param name="AcceptsUndeclared">True when the process opts out of the declared-fields-only rule (<c>wh:acceptUndeclaredVariables="true"</c>).</param>
public sealed record TaskForm(string TaskId, IReadOnlyList<FormField> Fields, bool AcceptsUndeclared)
{
    public bool DeclaresFields => Fields.Count > 0;
}
