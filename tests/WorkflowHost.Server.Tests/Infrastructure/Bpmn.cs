namespace WorkflowHost.Server.Tests.Infrastructure;

/// <summary>
/// Small procedures the suites deploy. Every test makes its own key with <see cref="NewKey"/>, so no test sees
/// another's definitions, instances or tasks.
/// </summary>
public static class Bpmn
{
    private const string Header =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="api-tests">""";

    /// <summary>A process id unique to one test (a valid XML id: letters, digits, dashes).</summary>
    public static string NewKey(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>A business key (dossier code) unique to one test.</summary>
    public static string NewBusinessKey() => $"000.00.00.H01-{Guid.NewGuid():N}";

    public static string Process(string key, string body, string name = "API test procedure", string extraRoot = "") =>
        Header + extraRoot + $"""<process id="{key}" name="{name}" isExecutable="true">{body}</process></definitions>""";

    /// <summary>start → user task <paramref name="taskId"/> (candidate groups) → end.</summary>
    public static string OneTask(string key, string groups = "reception", string taskId = "review", string taskName = "Review dossier") => Process(key, $"""
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="{taskId}"/>
        <userTask id="{taskId}" name="{taskName}" camunda:candidateGroups="{groups}"/>
        <sequenceFlow id="f2" sourceRef="{taskId}" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>start → "first" (<paramref name="firstGroups"/>) → "second" (<paramref name="secondGroups"/>) → end.</summary>
    public static string TwoTasks(string key, string firstGroups = "reception", string secondGroups = "officer") => Process(key, $"""
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
        <userTask id="first" name="Receive dossier" camunda:candidateGroups="{firstGroups}"/>
        <sequenceFlow id="f2" sourceRef="first" targetRef="second"/>
        <userTask id="second" name="Appraise dossier" camunda:candidateGroups="{secondGroups}"/>
        <sequenceFlow id="f3" sourceRef="second" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>start → "check" (reception) → XOR on <c>decision</c>: accept → "appraise" (officer), else → end "refused".</summary>
    public static string Decision(string key) => Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
        <userTask id="check" name="Check completeness" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f2" sourceRef="check" targetRef="complete"/>
        <exclusiveGateway id="complete" default="toRefused"/>
        <sequenceFlow id="toAppraise" sourceRef="complete" targetRef="appraise"><conditionExpression>${decision == 'accept'}</conditionExpression></sequenceFlow>
        <sequenceFlow id="toRefused" sourceRef="complete" targetRef="refused"/>
        <userTask id="appraise" name="Appraise" camunda:candidateGroups="officer"/>
        <sequenceFlow id="f3" sourceRef="appraise" targetRef="done"/>
        <endEvent id="done"/>
        <endEvent id="refused"/>
        """);

    /// <summary>start → service task "call" with <c>camunda:topic</c> → end.</summary>
    public static string ServiceTask(string key, string topic) => Process(key, $"""
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
        <serviceTask id="call" name="Call external system" camunda:type="external" camunda:topic="{topic}"/>
        <sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>start → timer catch "wait" (<paramref name="duration"/>) → end.</summary>
    public static string TimerCatch(string key, string duration) => Process(key, $"""
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
        <intermediateCatchEvent id="wait" name="Wait"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>start → "review" (reception) with a non-interrupting boundary timer "reminder" → end "reminded"; review → end.</summary>
    public static string ReminderOnTask(string key, string duration) => Process(key, $"""
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
        <userTask id="review" name="Review dossier" camunda:candidateGroups="reception"/>
        <boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></boundaryEvent>
        <sequenceFlow id="f2" sourceRef="reminder" targetRef="reminded"/>
        <endEvent id="reminded"/>
        <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>start → message catch "paid" (<paramref name="messageName"/>) → "issue" (reception) → end.</summary>
    public static string WaitForMessage(string key, string messageName) => Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="paid"/>
        <intermediateCatchEvent id="paid" name="Fee paid"><messageEventDefinition messageRef="msg"/></intermediateCatchEvent>
        <sequenceFlow id="f2" sourceRef="paid" targetRef="issue"/>
        <userTask id="issue" name="Issue result" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f3" sourceRef="issue" targetRef="end"/>
        <endEvent id="end"/>
        """, extraRoot: $"""<message id="msg" name="{messageName}"/>""");

    /// <summary>message start "received" (<paramref name="messageName"/>) → "check" (reception) → end.</summary>
    public static string StartedByMessage(string key, string messageName) => Process(key, """
        <startEvent id="received"><messageEventDefinition messageRef="msg"/></startEvent>
        <sequenceFlow id="f1" sourceRef="received" targetRef="check"/>
        <userTask id="check" name="Check online dossier" camunda:candidateGroups="reception"/>
        <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
        <endEvent id="end"/>
        """, extraRoot: $"""<message id="msg" name="{messageName}"/>""");

    /// <summary>A complex gateway (not supported by the engine) with id "cg": refused at deployment.</summary>
    public static string WithComplexGateway(string key) => Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="cg"/>
        <complexGateway id="cg"/>
        <sequenceFlow id="f2" sourceRef="cg" targetRef="end"/>
        <endEvent id="end"/>
        """);

    /// <summary>A sequence flow "broken" pointing at an element that does not exist.</summary>
    public static string WithDanglingFlow(string key) => Process(key, """
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
        <endEvent id="end"/>
        <sequenceFlow id="broken" sourceRef="start" targetRef="ghost"/>
        """);
}
