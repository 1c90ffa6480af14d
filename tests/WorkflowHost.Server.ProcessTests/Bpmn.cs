namespace WorkflowHost.Server.ProcessTests;

/// <summary>The small procedures these tests deploy.</summary>
internal static class Bpmn
{
    private const string Header =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="process-tests">""";

    /// <summary>start → timer catch "wait" (<paramref name="duration"/>) → end "end".</summary>
    public static string TimerThenEnd(string key, string duration) => Header + $"""
        <process id="{key}" name="Timer then end" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
          <intermediateCatchEvent id="wait" name="Wait"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
          <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
          <endEvent id="end"/>
        </process></definitions>
        """;

    /// <summary>start → timer catch "wait" (<paramref name="duration"/>) → user task "review" → end "end".</summary>
    public static string TimerThenTask(string key, string duration) => Header + $"""
        <process id="{key}" name="Timer then task" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
          <intermediateCatchEvent id="wait" name="Wait"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
          <sequenceFlow id="f2" sourceRef="wait" targetRef="review"/>
          <userTask id="review" name="Review" camunda:candidateGroups="reception"/>
          <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
          <endEvent id="end"/>
        </process></definitions>
        """;

    /// <summary>start → signal catch "heard" → the same signal again "heardTwice" → end: a second delivery of one broadcast would end it.</summary>
    public static string SignalTwice(string key, string signal) => Header + $"""
        <signal id="sig" name="{signal}"/>
        <process id="{key}" name="Signal twice" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="heard"/>
          <intermediateCatchEvent id="heard"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>
          <sequenceFlow id="f2" sourceRef="heard" targetRef="heardTwice"/>
          <intermediateCatchEvent id="heardTwice"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>
          <sequenceFlow id="f3" sourceRef="heardTwice" targetRef="end"/>
          <endEvent id="end"/>
        </process></definitions>
        """;
}
