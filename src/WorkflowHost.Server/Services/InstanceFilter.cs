using WorkflowHost.Data;
using WorkflowHost.Data.Entities;
using WorkflowHost.Server.Extensions;

namespace WorkflowHost.Server.Services;

/// <summary>
/// The filters of the instance and incident lists (procedure, version, status, unit, business key), checked before
/// any query runs: a value that cannot match anything by its form is a 422 naming the parameter, not an empty list.
/// </summary>
public sealed record InstanceFilter(string? DefinitionKey, int? Version, string? Status, string? Unit, string? BusinessKey)
{
    public static readonly string[] Statuses = [InstanceRowStatus.Active, InstanceRowStatus.Incident, InstanceRowStatus.Completed, InstanceRowStatus.Terminated];

    private const int MaxKeyLength = 200;
    private const int MaxUnitLength = 20;

    public static InstanceFilter Parse(string? definitionKey, int? version, string? status, string? unit, string? businessKey)
    {
        var errors = new List<FieldError>();
        definitionKey = Blank(definitionKey);
        status = Blank(status);
        unit = Blank(unit);
        businessKey = Blank(businessKey);
        if (definitionKey is { Length: > MaxKeyLength }) errors.Add(new FieldError(null, null, $"Use at most {MaxKeyLength} characters.", "definitionKey"));
        if (version is < 1) errors.Add(new FieldError(null, null, "Versions are numbered from 1.", "version"));
        if (version is not null && definitionKey is null) errors.Add(new FieldError(null, null, "A version number means something only with definitionKey.", "version"));
        if (status is not null && !Statuses.Contains(status))
            errors.Add(new FieldError(null, null, $"Use one of {string.Join(", ", Statuses)}.", "status"));
        if (unit is { Length: > MaxUnitLength } || unit is not null && !unit.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            errors.Add(new FieldError(null, null, "Give a unit code such as 20194 (letters, digits, '-', '.', '_').", "unit"));
        if (businessKey is { Length: > WorkflowDbContext.MaxBusinessKeyLength })
            errors.Add(new FieldError(null, null, $"Use at most {WorkflowDbContext.MaxBusinessKeyLength} characters.", "businessKey"));
        if (errors.Count > 0) throw new InvalidInputException($"The filter '{errors[0].Field}' is not valid: {errors[0].Message}", errors);
        return new InstanceFilter(definitionKey, version, status, unit, businessKey);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
