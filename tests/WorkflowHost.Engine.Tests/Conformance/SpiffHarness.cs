using System.Text.RegularExpressions;
using WorkflowHost.Engine;

namespace WorkflowHost.Engine.Tests.Conformance;

/// <summary>
/// Emulates the SpiffWorkflow test harness conventions listed in the corpus MANIFEST (and only here): plain
/// tasks are wait states (rewritten to manual tasks, which wait in our engine), and the few Python forms the
/// corpus uses are mapped to JavaScript (True/False/None/print globals, <c>del(x)</c>, <c>#</c> comments).
/// </summary>
internal static partial class SpiffHarness
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

    public static string Rewrite(string xml)
    {
        xml = PlainTask().Replace(xml, "<$1$2manualTask");
        // Python's del(x) fails when x is undefined; referencing x first keeps that behaviour.
        xml = PythonDel().Replace(xml, "$1; execution.removeVariable('$1')");
        xml = PythonComment().Replace(xml, "$1//");
        return xml;
    }

    [GeneratedRegex(@"<(/?)((?:bpmn2?:)?)task(?=[\s>/])")]
    private static partial Regex PlainTask();

    [GeneratedRegex(@"del\((\w+)\)")]
    private static partial Regex PythonDel();

    [GeneratedRegex(@"(?m)^(\s*)#")]
    private static partial Regex PythonComment();
}
