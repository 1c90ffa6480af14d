using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Procedures.Forms;

/// <summary>One problem with a submitted value, named by field.</summary>
public sealed record FormError(string Field, string Message);

/// <summary>
/// Checks a completion's variables against the task's declared form: required fields present, values of the declared
/// type and choices, and — unless the process opts out — no variable the form does not declare, so a completion cannot
/// overwrite another step's result.
/// </summary>
public static class FormValidator
{
    public static IReadOnlyList<FormError> Validate(TaskForm form, JsonObject? variables)
    {
        var errors = new List<FormError>();
        variables ??= [];
        foreach (var field in form.Fields)
        {
            variables.TryGetPropertyValue(field.Id, out var value);
            if (value is null || value is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>()))
            {
                if (field.Required && field.DefaultValue is null) errors.Add(new FormError(field.Id, $"'{field.Label ?? field.Id}' is required."));
                continue;
            }
            if (field.ReadOnly) errors.Add(new FormError(field.Id, $"'{field.Label ?? field.Id}' is read-only."));
            else if (TypeProblem(field, value) is { } problem) errors.Add(new FormError(field.Id, problem));
        }
        if (!form.AcceptsUndeclared)
            foreach (var (name, _) in variables)
                if (!form.Fields.Any(f => f.Id == name))
                    errors.Add(new FormError(name, $"This task's form has no field '{name}'; it accepts {string.Join(", ", form.Fields.Select(f => f.Id))}."));
        return errors;
    }

    private static string? TypeProblem(FormField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        var label = field.Label ?? field.Id;
        switch (field.Type)
        {
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? null : $"'{label}' must be true or false.";
            case "long":
                return kind == JsonValueKind.Number && value.GetValue<JsonElement>().TryGetInt64(out _) ? null : $"'{label}' must be a whole number.";
            case "date":
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : $"'{label}' must be a date (ISO 8601, e.g. 2026-12-02 or 2026-12-02T09:30:00+07:00).";
            case "enum":
                return kind == JsonValueKind.String && field.Values.Any(x => x.Id == value.GetValue<string>())
                    ? null : $"'{label}' must be one of {string.Join(", ", field.Values.Select(x => x.Id))}.";
            default:
                return kind == JsonValueKind.String ? (value.GetValue<string>().Length > 4000 ? $"'{label}' is longer than 4000 characters." : null)
                    : $"'{label}' must be text.";
        }
    }
}
