using System.Text.RegularExpressions;

namespace WorkflowHost.Testing;

/// <summary>
/// The SpiffWorkflow harness conventions of the shared conformance corpus (MANIFEST "Harness conventions"), applied
/// the same way by the engine-level and the REST-level suites:
/// <list type="bullet">
/// <item>plain <c>task</c> → <c>manualTask</c>: Spiff's plain tasks are wait states; our plain task passes through;</item>
/// <item><c>del(x)</c> → <c>x; execution.removeVariable('x')</c>: Python's del fails on an undefined name, so the name is read first;</item>
/// <item><c>#</c> comment lines → <c>//</c>.</item>
/// </list>
/// </summary>
public static partial class SpiffConventions
{
    public static string Rewrite(string xml)
    {
        xml = PlainTask().Replace(xml, "<$1$2manualTask");
        xml = PythonDel().Replace(xml, "$1; execution.removeVariable('$1')");
        return PythonComment().Replace(xml, "$1//");
    }

    [GeneratedRegex(@"<(/?)((?:bpmn2?:)?)task(?=[\s>/])")]
    private static partial Regex PlainTask();

    [GeneratedRegex(@"del\((\w+)\)")]
    private static partial Regex PythonDel();

    [GeneratedRegex(@"(?m)^(\s*)#")]
    private static partial Regex PythonComment();
}
