using WorkflowHost.Engine;
using WorkflowHost.Testing;

namespace WorkflowHost.Engine.Tests.Conformance;

/// <summary>
/// Emulates the SpiffWorkflow test harness conventions listed in the corpus MANIFEST (and only here): plain
/// tasks are wait states (rewritten to manual tasks, which wait in our engine), and the few Python forms the
/// corpus uses are mapped to JavaScript (True/False/None/print globals, <c>del(x)</c>, <c>#</c> comments).
/// </summary>
internal static class SpiffHarness
{
    public static EngineOptions Options { get; } = new()
    {
        ExpressionGlobals = new Dictionary<string, object>
        {
            ["True"] = true,
            ["False"] = false,
            ["None"] = System.Text.Json.Nodes.JsonValue.Create((string?)null)!,
            ["print"] = new Action<object?>(_ => { }),
        },
    };

    public static string Rewrite(string xml) => SpiffConventions.Rewrite(xml);
}
