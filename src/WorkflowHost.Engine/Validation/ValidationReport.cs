namespace WorkflowHost.Engine.Validation;

/// <summary>How serious a validation problem is: errors block deployment, warnings do not.</summary>
public enum ProblemSeverity { Error, Warning }

/// <summary>One problem found in a BPMN document, worded for the process owner who drew it.</summary>
/// <param name="ElementId">The BPMN element id, or null when the problem concerns the whole document.</param>
/// <param name="ElementType">The BPMN element type as written in the XML (e.g. <c>exclusiveGateway</c>).</param>
public sealed record ValidationProblem(string? ElementId, string? ElementType, ProblemSeverity Severity, string Message);

/// <summary>The outcome of validating a document: every problem found, in document order.</summary>
public sealed class ValidationReport(Microsoft.Extensions.Localization.IStringLocalizer<ValidationMessages>? messages = null)
{
    private readonly List<ValidationProblem> _problems = [];

    /// <summary>The message catalogue problems are worded from (English when none was given).</summary>
    internal Microsoft.Extensions.Localization.IStringLocalizer<ValidationMessages> L { get; } = messages ?? WorkflowHost.Engine.Localization.EnglishMessages<ValidationMessages>.Instance;

    public IReadOnlyList<ValidationProblem> Problems => _problems;
    public IEnumerable<ValidationProblem> Errors => _problems.Where(p => p.Severity == ProblemSeverity.Error);
    public IEnumerable<ValidationProblem> Warnings => _problems.Where(p => p.Severity == ProblemSeverity.Warning);
    public bool HasErrors => _problems.Exists(p => p.Severity == ProblemSeverity.Error);

    internal void Error(string? elementId, string? elementType, string message) =>
        _problems.Add(new ValidationProblem(elementId, elementType, ProblemSeverity.Error, message));

    internal void Warning(string? elementId, string? elementType, string message) =>
        _problems.Add(new ValidationProblem(elementId, elementType, ProblemSeverity.Warning, message));

    internal void Add(ValidationProblem problem) => _problems.Add(problem);
}
