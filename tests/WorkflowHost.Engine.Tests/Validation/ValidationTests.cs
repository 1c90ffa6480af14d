using WorkflowHost.Engine.Tests.Support;
using WorkflowHost.Engine.Validation;

namespace WorkflowHost.Engine.Tests.Validation;

/// <summary>Each validation rule reports the element id, its type and a sentence a process owner can act on.</summary>
public sealed class ValidationTests
{
    private static ValidationReport Report(string body, string extraRoot = "") => new BpmnEngine().Load(Bpmn.Process(body, extraRoot: extraRoot)).Report;

    private static ValidationProblem Single(ValidationReport report, string elementId, ProblemSeverity severity = ProblemSeverity.Error) =>
        Assert.Single(report.Problems, p => p.ElementId == elementId && p.Severity == severity);

    [Fact]
    public void Validate_ReportsUnsupportedElement_WithIdAndType()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="cg"/>
            <complexGateway id="cg"/><sequenceFlow id="f2" sourceRef="cg" targetRef="e"/><endEvent id="e"/>
            """);
        var problem = Single(report, "cg");
        Assert.Equal("complexGateway", problem.ElementType);
        Assert.Contains("not supported", problem.Message);
    }

    [Fact]
    public void Validate_ReportsNodeWithoutIncomingFlow()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="e"/><endEvent id="e"/>
            <userTask id="orphan" name="Archive"/><sequenceFlow id="f2" sourceRef="orphan" targetRef="e"/>
            """);
        Assert.Contains("no incoming sequence flow", Single(report, "orphan").Message);
    }

    [Fact]
    public void Validate_ReportsGatewayWithoutOutgoingFlow()
    {
        var report = Report("""<startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/><exclusiveGateway id="g"/>""");
        Assert.Contains("no outgoing sequence flow", Single(report, "g").Message);
    }

    [Fact]
    public void Validate_ReportsUnconditionalNonDefaultFlowOfExclusiveGateway()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <exclusiveGateway id="g"/>
            <sequenceFlow id="yes" sourceRef="g" targetRef="e"><conditionExpression>${ok}</conditionExpression></sequenceFlow>
            <sequenceFlow id="no" name="otherwise" sourceRef="g" targetRef="e"/><endEvent id="e"/>
            """);
        var problem = Single(report, "no");
        Assert.Equal("sequenceFlow", problem.ElementType);
        Assert.Contains("without a condition and is not its default flow", problem.Message);
    }

    [Fact]
    public void Validate_WarnsAboutUnreachableNode_WithoutBlocking()
    {
        var result = new BpmnEngine().Load(Bpmn.Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="e"/><endEvent id="e"/>
            <userTask id="a"/><userTask id="b"/><sequenceFlow id="f2" sourceRef="a" targetRef="b"/><sequenceFlow id="f3" sourceRef="b" targetRef="a"/>
            """));
        Assert.True(result.Succeeded);
        Assert.Contains("can never be reached", Single(result.Report, "a", ProblemSeverity.Warning).Message);
    }

    [Fact]
    public void Validate_ReportsDanglingReference()
    {
        var report = Report("""<startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="ghost"/>""");
        var problem = Single(report, "f1");
        Assert.Contains("'ghost', which does not exist", problem.Message);
    }

    [Fact]
    public void Validate_ReportsMissingMessageDefinition()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="c"/>
            <intermediateCatchEvent id="c"><messageEventDefinition messageRef="nope"/></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="c" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains("message 'nope'", Single(report, "c").Message);
    }

    [Fact]
    public void Validate_ReportsExpressionThatDoesNotCompile()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <exclusiveGateway id="g" default="f3"/>
            <sequenceFlow id="f2" sourceRef="g" targetRef="e"><conditionExpression>${amount &gt;}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="g" targetRef="e"/><endEvent id="e"/>
            """);
        var problem = Single(report, "f2");
        Assert.Contains("does not compile", problem.Message);
        Assert.Contains("column", problem.Message);
    }

    [Fact]
    public void Validate_ReportsTimerThatDoesNotParse()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>3 days</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            """);
        var problem = Single(report, "t");
        Assert.Contains("does not parse", problem.Message);
        Assert.Contains("3 days", problem.Message);
    }

    [Fact]
    public void Validate_ReportsServiceTaskWithoutTopic()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="svc"/>
            <serviceTask id="svc" name="Look up VNeID"/><sequenceFlow id="f2" sourceRef="svc" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains("camunda:topic", Single(report, "svc").Message);
    }

    [Fact]
    public void Validate_ReportsMissingCallActivityTarget()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="call"/>
            <callActivity id="call" calledElement="land-registration"/><sequenceFlow id="f2" sourceRef="call" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains("'land-registration'", Single(report, "call").Message);
    }

    [Fact]
    public void Validate_AcceptsNonBpmnScriptFormat_AsError()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="sc"/>
            <scriptTask id="sc" scriptFormat="groovy"><script>x = 1</script></scriptTask>
            <sequenceFlow id="f2" sourceRef="sc" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains("only JavaScript", Single(report, "sc").Message);
    }

    [Fact]
    public void Load_KeepsSourceXmlVerbatim_AndIgnoresForeignExtensions()
    {
        var xml = Bpmn.Process("""
            <extensionElements><vendor:thing xmlns:vendor="urn:vendor">kept</vendor:thing></extensionElements>
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="e"/><endEvent id="e"/>
            """);
        var result = new BpmnEngine().Load(xml);
        Assert.True(result.Succeeded);
        Assert.Same(xml, result.Definition!.SourceXml);
    }

    [Fact]
    public void Validate_RefusesEventSubprocessWithSequenceFlows_NamingIt()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="esp"/>
            <subProcess id="esp" triggeredByEvent="true">
              <startEvent id="es"><messageEventDefinition messageRef="m"/></startEvent><sequenceFlow id="g" sourceRef="es" targetRef="ee"/><endEvent id="ee"/>
            </subProcess>
            """, extraRoot: """<message id="m" name="withdraw"/>""");
        Assert.Contains(report.Errors, p => p.ElementId == "esp" && p.Message.Contains("must not have sequence flows", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RefusesNonInterruptingErrorStart_AndSaysToUseEscalation()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="e"/><endEvent id="e"/>
            <subProcess id="esp" triggeredByEvent="true">
              <startEvent id="es" isInterrupting="false"><errorEventDefinition/></startEvent><sequenceFlow id="g" sourceRef="es" targetRef="ee"/><endEvent id="ee"/>
            </subProcess>
            """);
        var problem = Single(report, "es");
        Assert.Contains("escalation start event", problem.Message);
    }

    [Fact]
    public void Validate_RefusesSignalStartInsideEmbeddedSubprocess_PointingToEventSubprocess()
    {
        var report = Report("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
            <subProcess id="sub"><startEvent id="inner"/><startEvent id="bad"><signalEventDefinition/></startEvent></subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains(report.Errors, p => p.ElementId == "bad" && p.Message.Contains("put other triggers on an event subprocess", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AcceptsEscalationSignalAndEventSubprocessElements()
    {
        var result = new BpmnEngine().Load(Bpmn.Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
            <subProcess id="sub">
              <startEvent id="i"/><sequenceFlow id="g1" sourceRef="i" targetRef="up"/>
              <intermediateThrowEvent id="up"><escalationEventDefinition escalationRef="esc"/></intermediateThrowEvent>
              <sequenceFlow id="g2" sourceRef="up" targetRef="sig"/>
              <intermediateCatchEvent id="sig"><signalEventDefinition signalRef="sg"/></intermediateCatchEvent>
              <sequenceFlow id="g3" sourceRef="sig" targetRef="ie"/><endEvent id="ie"><escalationEventDefinition escalationRef="esc"/></endEvent>
            </subProcess>
            <boundaryEvent id="b" attachedToRef="sub" cancelActivity="false"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="be"/><endEvent id="be"/>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e"/><endEvent id="e"/>
            <subProcess id="esp" triggeredByEvent="true">
              <startEvent id="es" isInterrupting="false"><signalEventDefinition signalRef="sg"/></startEvent><sequenceFlow id="h" sourceRef="es" targetRef="ee"/><endEvent id="ee"/>
            </subProcess>
            """, extraRoot: """<escalation id="esc" escalationCode="E"/><signal id="sg" name="holiday"/>"""));
        Assert.True(result.Succeeded, string.Join("; ", result.Report.Errors.Select(e => e.Message)));
    }
}
