using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using WorkflowHost.Engine;
using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Runtime;

namespace WorkflowHost.Benchmarks;

/// <summary>
/// Engine throughput: one operation = one whole instance (start, every wait satisfied, completed), in memory,
/// the way the peer script measures bpmn-engine. State is not serialised here; the host cost is measured by the
/// HTTP load driver.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    public const string SimpleXml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="simple" isExecutable="true">
            <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="svc"/>
            <serviceTask id="svc" camunda:topic="doWork"/><sequenceFlow id="f2" sourceRef="svc" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    /// <summary>Receive, check (script), route by gateway, appraise (user task), approve, notify (service), return.</summary>
    public const string ProcedureXml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="procedure" isExecutable="true">
            <startEvent id="received"/>
            <scriptTask id="check"><script>complete = documents &gt;= 3</script></scriptTask>
            <exclusiveGateway id="isComplete" default="toSupplement"/>
            <userTask id="appraise" camunda:candidateGroups="land-office" camunda:dueDate="P3D"/>
            <scriptTask id="sign"><script>signed = true</script></scriptTask>
            <scriptTask id="number"><script>resultNo = 'KQ-' + documents</script></scriptTask>
            <serviceTask id="notify" camunda:topic="sms"/>
            <task id="archive"/>
            <task id="handover"/>
            <endEvent id="returned"/>
            <endEvent id="supplementRequested"/>
            <sequenceFlow id="f1" sourceRef="received" targetRef="check"/>
            <sequenceFlow id="f2" sourceRef="check" targetRef="isComplete"/>
            <sequenceFlow id="toAppraise" sourceRef="isComplete" targetRef="appraise"><conditionExpression>${complete}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toSupplement" sourceRef="isComplete" targetRef="supplementRequested"/>
            <sequenceFlow id="f3" sourceRef="appraise" targetRef="sign"/>
            <sequenceFlow id="f4" sourceRef="sign" targetRef="number"/>
            <sequenceFlow id="f5" sourceRef="number" targetRef="notify"/>
            <sequenceFlow id="f6" sourceRef="notify" targetRef="archive"/>
            <sequenceFlow id="f7" sourceRef="archive" targetRef="handover"/>
            <sequenceFlow id="f8" sourceRef="handover" targetRef="returned"/>
          </process>
        </definitions>
        """;

    private readonly BpmnEngine _engine = new();
    private readonly DateTimeOffset _now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(7));
    private ExecutableDefinition _simple = null!;
    private ExecutableDefinition _procedure = null!;
    private Dictionary<string, JsonNode?> _procedureVariables = null!;

    [GlobalSetup]
    public void Setup()
    {
        _simple = _engine.Load(SimpleXml).Definition ?? throw new InvalidOperationException("simple does not load");
        _procedure = _engine.Load(ProcedureXml).Definition ?? throw new InvalidOperationException("procedure does not load");
        _procedureVariables = new() { ["documents"] = JsonValue.Create(4), ["applicant"] = JsonValue.Create("Nguyễn Văn A") };
        if (SimpleInstance() != InstanceStatus.Completed || ProcedureInstance() != InstanceStatus.Completed)
            throw new InvalidOperationException("The benchmark processes must complete.");
    }

    [Benchmark(Description = "start -> serviceTask -> end (one instance)")]
    public InstanceStatus SimpleInstance()
    {
        var started = _engine.Execute(_simple, null, new StartInstance(), _now);
        var job = started.State.Waits[0].Id;
        return _engine.Execute(_simple, started.State, new CompleteServiceJob(job), _now).State.Status;
    }

    [Benchmark(Description = "start -> serviceTask -> end, state saved to and read from JSON after each command")]
    public InstanceStatus SimpleInstanceWithJson()
    {
        var started = _engine.Execute(_simple, null, new StartInstance(), _now);
        var saved = InstanceStateSerializer.Deserialize(InstanceStateSerializer.Serialize(started.State));
        var done = _engine.Execute(_simple, saved, new CompleteServiceJob(saved.Waits[0].Id), _now);
        return InstanceStateSerializer.Deserialize(InstanceStateSerializer.Serialize(done.State)).Status;
    }

    [Benchmark(Description = "10-step procedure with gateway and user task (one instance)")]
    public InstanceStatus ProcedureInstance()
    {
        var started = _engine.Execute(_procedure, null, new StartInstance(_procedureVariables), _now);
        var task = started.State.Waits[0].Id;
        var appraised = _engine.Execute(_procedure, started.State, new CompleteUserTask(task), _now);
        var job = appraised.State.Waits[0].Id;
        return _engine.Execute(_procedure, appraised.State, new CompleteServiceJob(job), _now).State.Status;
    }
}

/// <summary>One cached condition, as a gateway evaluates it.</summary>
[MemoryDiagnoser]
public class ConditionBenchmarks
{
    private readonly ExpressionEvaluator _evaluator = new(ExpressionLimits.Default);
    private readonly CompiledExpression _condition = ExpressionCompiler.Compile("${amount > 10}", ExpressionKind.Expression);
    private readonly Variables _variables = new();

    [Benchmark(Description = "cached condition 'amount > 10' (3 variables)")]
    public bool EvaluateCondition() => _evaluator.EvaluateCondition(_condition, _variables);

    private sealed class Variables : IVariableAccess
    {
        private readonly Dictionary<string, JsonNode?> _values = new()
        {
            ["amount"] = JsonValue.Create(11), ["applicant"] = JsonValue.Create("Trần Thị B"), ["ward"] = JsonValue.Create("Hải Châu"),
        };
        public bool TryGetVariable(string name, out JsonNode? value) => _values.TryGetValue(name, out value);
        public void SetVariable(string name, JsonNode? value) => _values[name] = value;
        public void RemoveVariable(string name) => _values.Remove(name);
    }
}
