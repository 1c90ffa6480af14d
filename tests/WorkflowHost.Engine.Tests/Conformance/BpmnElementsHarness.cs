using System.Text.RegularExpressions;
using WorkflowHost.Engine;

namespace WorkflowHost.Engine.Tests.Conformance;

/// <summary>
/// Emulates the bpmn-elements/bpmn-engine harness conventions of the MANIFEST: its <c>environment.variables</c>,
/// <c>environment.output</c> and <c>content.output.form</c> prefixes address plain process variables here,
/// <c>next(null, x)</c> conditions become <c>x</c>, and <c>environment.services</c> is offered as host globals.
/// </summary>
internal static partial class BpmnElementsHarness
{
    public static EngineOptions Options(List<string>? log = null) => new()
    {
        ExpressionGlobals = new Dictionary<string, object>
        {
            ["environment"] = new Dictionary<string, object>
            {
                ["services"] = new Dictionary<string, object>
                {
                    ["isAbove"] = new Func<double, double, bool>((limit, value) => value > limit),
                    ["log"] = new Action<string>(message => { lock (log ?? []) log?.Add(message); }),
                },
            },
            ["next"] = new Action(() => { }),
        },
    };

    public static string Rewrite(string xml)
    {
        xml = Prefixes().Replace(xml, "");
        return NextCallback().Replace(xml, "$1");
    }

    [GeneratedRegex(@"(environment\.variables\.|environment\.output\.|content\.output\.form\.)")]
    private static partial Regex Prefixes();

    [GeneratedRegex(@"next\(null,\s*([^)]*)\);?")]
    private static partial Regex NextCallback();
}
