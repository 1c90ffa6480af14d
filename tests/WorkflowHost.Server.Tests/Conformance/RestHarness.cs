using System.Text.RegularExpressions;
using WorkflowHost.Testing;

namespace WorkflowHost.Server.Tests.Conformance;

/// <summary>
/// The shared conformance corpus (tests/fixtures/conformance/bpmn-exec, see its MANIFEST.md) prepared for
/// deployment over HTTP. The engine-level suites (WorkflowHost.Engine.Tests/Conformance) emulate each source
/// project's harness with a rewrite plus engine options (expression globals such as <c>True</c>, <c>print</c> and
/// <c>environment.services</c>). The server has no such globals, so the REST versions rewrite those scripts into
/// plain JavaScript instead; every rewrite is listed on the method that makes it.
/// </summary>
public static partial class RestHarness
{
    public static string Read(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "conformance", "bpmn-exec", file));

    /// <summary>
    /// Gives every process of the document a test-unique id (the definition key), so no test sees another's
    /// definitions; <paramref name="calledKeys"/> renames call activity targets to the keys their callees were
    /// deployed under. Ids are replaced where they are referenced: id, bpmnElement, calledElement, processRef.
    /// </summary>
    public static string UniqueKeys(string xml, string suffix, IReadOnlyDictionary<string, string>? calledKeys = null)
    {
        var map = new Dictionary<string, string>(calledKeys ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (Match process in ProcessId().Matches(xml)) map[process.Groups[1].Value] = $"{process.Groups[1].Value}-{suffix}";
        return IdReference().Replace(xml, m => map.TryGetValue(m.Groups[2].Value, out var renamed) ? $"{m.Groups[1].Value}=\"{renamed}\"" : m.Value);
    }

    /// <summary>
    /// SpiffWorkflow conventions (<see cref="SpiffConventions"/>, the same rewrite the engine-level suite uses) and,
    /// in script bodies only, instead of the engine-level expression globals:
    /// <list type="bullet">
    /// <item><c>True</c>/<c>False</c>/<c>None</c> → <c>true</c>/<c>false</c>/<c>null</c>;</item>
    /// <item><c>print(x)</c> → <c>x;</c>: the output is not observable, but Python's print fails on an undefined name
    /// and so does the bare read (and a script of only dropped lines would be empty, which does not deploy).</item>
    /// </list>
    /// Conditions (<c>choice == 'Yes'</c>, <c>x &gt; 1</c>) and quoted timer strings (<c>"PT1S"</c>) are already JavaScript.
    /// </summary>
    public static string Spiff(string xml)
    {
        xml = SpiffConventions.Rewrite(xml);
        return ScriptBody().Replace(xml, m =>
        {
            var body = m.Groups[2].Value;
            body = PythonConstant().Replace(body, c => c.Value switch { "True" => "true", "False" => "false", _ => "null" });
            body = PythonPrint().Replace(body, "$1;");
            return m.Groups[1].Value + body + m.Groups[3].Value;
        });
    }

    /// <summary>
    /// bpmn-elements / bpmn-engine conventions, as BpmnElementsHarness.Rewrite does at engine level:
    /// <list type="bullet">
    /// <item><c>environment.variables.</c>, <c>environment.output.</c>, <c>content.output.form.</c> prefixes removed: they address plain process variables;</item>
    /// <item><c>next(null, x);</c> in a condition → <c>x</c>.</item>
    /// </list>
    /// And instead of the engine-level <c>environment.services</c> globals:
    /// <list type="bullet">
    /// <item><c>environment.services.isAbove(limit, value)</c> → <c>value &gt; limit</c>;</item>
    /// <item><c>environment.services.log(m); next()</c> → appends <c>m</c> to the process variable <c>log</c>
    /// (<c>execution.setVariable</c>), so the order the engine test reads from its log list is visible in the
    /// instance's variables;</item>
    /// <item>a remaining <c>next()</c> callback call is dropped.</item>
    /// </list>
    /// </summary>
    public static string BpmnElements(string xml)
    {
        xml = EnvironmentPrefix().Replace(xml, "");
        xml = NextCallback().Replace(xml, "$1");
        xml = IsAbove().Replace(xml, "$2 > $1");
        xml = LogThenNext().Replace(xml, "execution.setVariable('log', (execution.getVariable('log') || []).concat([$1]))");
        return BareNext().Replace(xml, "");
    }

    [GeneratedRegex(@"<(?:\w+:)?process\b[^>]*?\sid=""([^""]+)""")]
    private static partial Regex ProcessId();

    [GeneratedRegex(@"\b(id|bpmnElement|calledElement|processRef)=""([^""]+)""")]
    private static partial Regex IdReference();

    [GeneratedRegex(@"(<(?:\w+:)?script>)(.*?)(</(?:\w+:)?script>)", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();

    [GeneratedRegex(@"\b(True|False|None)\b")]
    private static partial Regex PythonConstant();

    [GeneratedRegex(@"\bprint\(([^()]*)\)")]
    private static partial Regex PythonPrint();

    [GeneratedRegex(@"(environment\.variables\.|environment\.output\.|content\.output\.form\.)")]
    private static partial Regex EnvironmentPrefix();

    [GeneratedRegex(@"next\(null,\s*([^)]*)\);?")]
    private static partial Regex NextCallback();

    [GeneratedRegex(@"environment\.services\.isAbove\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)")]
    private static partial Regex IsAbove();

    [GeneratedRegex(@"environment\.services\.log\(([^()]*)\);?\s*next\(\);?")]
    private static partial Regex LogThenNext();

    [GeneratedRegex(@"\bnext\(\);?")]
    private static partial Regex BareNext();
}
