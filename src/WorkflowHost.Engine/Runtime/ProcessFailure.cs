namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// A failure inside the process (bad expression, missing callee, unmatched gateway). The run loop turns it into
/// an incident on the token being executed; it never escapes <see cref="BpmnEngine.Execute"/>.
/// </summary>
internal sealed class ProcessFailure(string message) : Exception(message);
