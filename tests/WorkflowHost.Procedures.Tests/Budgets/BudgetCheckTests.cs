using WorkflowHost.Engine;
using WorkflowHost.Procedures.Budgets;
using WorkflowHost.Procedures.Tests.Support;

namespace WorkflowHost.Procedures.Tests.Budgets;

/// <summary>The designer's budget check on the shipped processes and on small ones that isolate each counting rule.</summary>
public sealed class BudgetCheckTests
{
    private static ExecutableDefinition Load(string xml)
    {
        var result = new BpmnEngine().Load(xml);
        Assert.True(result.Succeeded, string.Join("; ", result.Report.Errors.Select(e => e.Message)));
        return result.Definition!;
    }

    private static string Process(string body) =>
        $"""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wh="https://workflowhost.vn/schema/bpmn/1.0" id="d" targetNamespace="t"><process id="p" isExecutable="true">{body}</process></definitions>""";

    [Fact]
    public void Measure_TakesTheVerificationPathOfMarriageRegistration_AndSaysItDoesNotFitTheSameDayLimit()
    {
        var definition = Load(File.ReadAllText(Path.Combine(Shipped.Workflows, "marriage-registration.bpmn")));
        var procedure = BudgetCheck.ProcedureFor(Shipped.Catalogue, definition.Key, new DateOnly(2025, 8, 1));

        var report = BudgetCheck.Measure(definition.Process, procedure);

        // appraise PT4H + verify P4D (32 h) + approve PT2H + returnResult PT2H; the send-back loop approve → appraise is taken once.
        Assert.Equal(40m, report.Hours);
        Assert.Equal(["appraise", "verify", "approve", "returnResult"], report.Path);
        Assert.Equal("1.000894", report.ProcedureCode);
        Assert.Equal(8m, report.LimitHours);
        Assert.False(report.Fits);
    }

    [Fact]
    public void Measure_IgnoresPathsStartedByBoundaryEvents_AndHasNoLimitWithoutAProcedure()
    {
        var definition = Load(Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
            <userTask id="a" wh:stepBudget="PT4H"/><sequenceFlow id="f2" sourceRef="a" targetRef="e"/><endEvent id="e"/>
            <boundaryEvent id="late" attachedToRef="a" cancelActivity="false"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="late" targetRef="chase"/><userTask id="chase" wh:stepBudget="P9D"/>
            <sequenceFlow id="f4" sourceRef="chase" targetRef="e2"/><endEvent id="e2"/>
            """));

        var report = BudgetCheck.Measure(definition.Process, procedure: null);

        Assert.Equal(4m, report.Hours);
        Assert.Equal(["a"], report.Path);
        Assert.Null(report.LimitHours);
        Assert.True(report.Fits);
    }

    [Fact]
    public void Measure_CountsAnEmbeddedSubprocessAsItsLongestPath()
    {
        var definition = Load(Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
            <subProcess id="sub">
              <startEvent id="ss"/><sequenceFlow id="g1" sourceRef="ss" targetRef="x"/>
              <exclusiveGateway id="x" default="g3"/>
              <sequenceFlow id="g2" sourceRef="x" targetRef="short"><conditionExpression>${quick}</conditionExpression></sequenceFlow>
              <sequenceFlow id="g3" sourceRef="x" targetRef="long"/>
              <userTask id="short" wh:stepBudget="PT2H"/><sequenceFlow id="g4" sourceRef="short" targetRef="se"/>
              <userTask id="long" wh:stepBudget="P1W"/><sequenceFlow id="g5" sourceRef="long" targetRef="se"/>
              <endEvent id="se"/>
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="sign"/><userTask id="sign" wh:stepBudget="PT30M"/>
            <sequenceFlow id="f3" sourceRef="sign" targetRef="e"/><endEvent id="e"/>
            """));

        var report = BudgetCheck.Measure(definition.Process, procedure: null);

        Assert.Equal(40.5m, report.Hours); // one week = 5 working days of 8 hours, plus half an hour
        Assert.Equal(["long", "sign"], report.Path);
    }

    [Theory]
    [InlineData("P2D", 16)]
    [InlineData("PT4H", 4)]
    [InlineData("P1DT2H", 10)]
    [InlineData("PT90M", 1.5)]
    public void Hours_CountsADayAsEightWorkingHours(string budget, double hours) =>
        Assert.Equal((decimal)hours, BudgetCheck.Hours(budget));

    [Fact]
    public void Hours_IsNull_ForSomethingThatIsNotADuration() => Assert.Null(BudgetCheck.Hours("three days"));
}
