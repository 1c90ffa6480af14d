using System.Text;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Parsing;

/// <summary>Hostile or broken documents are refused with a clear report; nothing throws, nothing hangs.</summary>
public sealed class HostileInputTests
{
    private static readonly BpmnEngine Engine = new();

    [Fact]
    public void Load_RefusesXxe_WithoutReadingFiles()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&xxe;"/></definitions>
            """;
        var result = Engine.Load(xml);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Report.Errors);
        Assert.Contains("DTD", error.Message);
        Assert.DoesNotContain("root:", error.Message);
    }

    [Fact]
    public void Load_RefusesBillionLaughs()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++) sb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">");
        sb.Append("]><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" name=\"&lol9;\"/></definitions>");
        var result = Engine.Load(sb.ToString());
        Assert.False(result.Succeeded);
        Assert.Contains("DTD", result.Report.Errors.Single().Message);
    }

    [Fact]
    public void Load_Refuses50MegabyteDocument_BeforeParsing()
    {
        var padding = new string(' ', 50 * 1024 * 1024);
        var result = Engine.Load(Bpmn.Chain("<userTask id=\"t\"/>").Replace("<process", padding + "<process"));
        Assert.False(result.Succeeded);
        Assert.Contains("larger than the limit of 5 MB", result.Report.Errors.Single().Message);
    }

    [Fact]
    public void Load_Refuses10000DeepNesting_WithoutStackOverflow()
    {
        var open = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"<subProcess id=\"s{i}\">"));
        var close = string.Concat(Enumerable.Repeat("</subProcess>", 10_000));
        var result = Engine.Load(Bpmn.Process(open + close));
        Assert.False(result.Succeeded);
        Assert.Contains("deeper than", result.Report.Errors.Single().Message);
    }

    [Fact]
    public void Load_ReportsNotXml()
    {
        var result = Engine.Load("this is not xml");
        Assert.False(result.Succeeded);
        Assert.Contains("not well-formed XML", result.Report.Errors.Single().Message);
    }

    [Fact]
    public void Load_ReportsWrongRootElement()
    {
        var result = Engine.Load("<html><body/></html>");
        Assert.False(result.Succeeded);
        Assert.Contains("not BPMN 2.0", result.Report.Errors.Single().Message);
    }

    [Fact]
    public void Load_RefusesCallCycleInsideOneDocument()
    {
        var xml = Bpmn.Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="c"/>
            <callActivity id="c" calledElement="p"/><sequenceFlow id="f2" sourceRef="c" targetRef="e"/><endEvent id="e"/>
            """);
        var result = Engine.Load(xml);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Report.Errors, e => e.Message.Contains("cycle"));
    }

    [Fact]
    public void Execute_StopsCyclicCallsAcrossDeployments_WithIncident()
    {
        string Caller(string id, string callee) => Bpmn.Process($"""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="c"/>
            <callActivity id="c" calledElement="{callee}"/><sequenceFlow id="f2" sourceRef="c" targetRef="e"/><endEvent id="e"/>
            """, id);
        var resolver = new DictionaryResolver();
        var engine = new BpmnEngine();
        // b v1 calls nothing, a calls b, then b v2 calls a: a cycle no single deployment shows.
        resolver.Add(engine, Bpmn.Chain("<userTask id=\"t\"/>").Replace("id=\"p\"", "id=\"b\""));
        resolver.Add(engine, Caller("a", "b"));
        resolver.Add(engine, Caller("b", "a"));
        var h = EngineHarness.Load(Caller("a", "b"), resolver: resolver).Start();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Contains("deeper than 32 levels", incident.Message);
        Assert.Equal(InstanceStatus.Active, h.Status);
    }

    [Fact]
    public void Execute_RunawayCondition_BecomesIncident()
    {
        var options = new EngineOptions { ExpressionLimits = new WorkflowHost.Engine.Expressions.ExpressionLimits(TimeSpan.FromMilliseconds(100), 10_000_000, 16_000_000, 64) };
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <exclusiveGateway id="g" default="f3"/>
            <sequenceFlow id="f2" sourceRef="g" targetRef="e"><conditionExpression>${(function(){ while(true){} })()}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="g" targetRef="e"/><endEvent id="e"/>
            """), options).Start();
        var incident = Assert.Single(h.OpenIncidents);
        Assert.Equal("g", incident.ElementId);
    }

    [Fact]
    public void Execute_EndlessLoopWithoutWaitState_IsStoppedWithIncident()
    {
        var h = EngineHarness.Load(Bpmn.Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <exclusiveGateway id="g"/><sequenceFlow id="f2" sourceRef="g" targetRef="t"/>
            <scriptTask id="t"><script>x = 1</script></scriptTask><sequenceFlow id="f3" sourceRef="t" targetRef="g"/>
            """)).Start();
        Assert.NotEmpty(h.OpenIncidents);
        Assert.Contains("without reaching a wait state", h.OpenIncidents[0].Message);
    }
}
