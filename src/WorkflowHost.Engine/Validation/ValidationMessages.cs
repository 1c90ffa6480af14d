namespace WorkflowHost.Engine.Validation;

/// <summary>
/// The validation messages a process owner reads in the designer: the English text is the key,
/// <c>ValidationMessages.vi.resx</c> holds the Vietnamese (<see cref="EngineOptions.Messages"/>).
/// </summary>
public sealed class ValidationMessages;
