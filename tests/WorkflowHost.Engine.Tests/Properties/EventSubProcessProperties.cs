using CsCheck;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Properties;

/// <summary>
/// Generated processes with a process-level message event subprocess (interrupting or not), the message arriving
/// at generated moments, state saved and restored through JSON after every command: waits always belong to a live
/// token or scope, an interrupting start leaves only its own work, every element that starts ends, every task
/// opened is completed or cancelled, and the instance completes.
/// </summary>
public sealed class EventSubProcessProperties
{
    private static readonly Gen<(Block Process, int Pick, bool Interrupting, uint[] Choices)> Cases =
        Gen.Select(Block.Gen(3), Gen.Int[0, 7], Gen.Bool, Gen.UInt.Array[64]);

    private static string WithEventSubProcess(string xml, bool interrupting) => xml
        .Replace("<process ", """<message id="espMessage" name="withdraw"/><process """, StringComparison.Ordinal)
        .Replace("</process>", $"""
            <subProcess id="esp" triggeredByEvent="true">
              <startEvent id="espStart" isInterrupting="{(interrupting ? "true" : "false")}"><messageEventDefinition messageRef="espMessage"/></startEvent>
              <sequenceFlow id="espF1" sourceRef="espStart" targetRef="espTask"/><userTask id="espTask"/>
              <sequenceFlow id="espF2" sourceRef="espTask" targetRef="espEnd"/><endEvent id="espEnd"/>
            </subProcess>
            </process>
            """, StringComparison.Ordinal);

    [Fact]
    public void GeneratedProcessWithEventSubprocess_CompletesAndBalancesEveryStartAndTask()
    {
        Cases.Sample(c =>
        {
            var xml = WithEventSubProcess(ProcessWriter.Write(c.Process), c.Interrupting);
            var h = EngineHarness.Load(xml);
            h.Start(("pick", c.Pick));
            var step = 0;
            var delivered = 0;
            while (h.Status == InstanceStatus.Active)
            {
                CheckInvariants(h);
                Assert.Empty(h.OpenIncidents);
                var choice = c.Choices[step++ % c.Choices.Length];
                if (choice % 4 == 0 && h.State!.Waits.Any(w => w.Kind == WaitKind.Message))
                {
                    Assert.Equal(1, h.Message("withdraw"));
                    delivered++;
                    if (c.Interrupting)
                    {
                        Assert.DoesNotContain(h.State.Waits, w => w.Kind != WaitKind.UserTask || w.ElementId != "espTask");
                        Assert.All(h.State.Tokens, t => Assert.Equal("espTask", t.ElementId));
                    }
                    continue;
                }
                var waits = h.State!.Waits.Where(w => w.Kind is WaitKind.UserTask or WaitKind.ServiceJob).OrderBy(w => w.Id).ToList();
                Assert.True(waits.Count > 0, "An active instance must be waiting for a task or job.\n" + xml);
                var wait = waits[(int)(choice % (uint)waits.Count)];
                h.Run(wait.Kind == WaitKind.UserTask ? new CompleteUserTask(wait.Id) : new CompleteServiceJob(wait.Id));
                Assert.True(step < 500, "The instance should complete: " + xml);
            }
            Assert.Equal(InstanceStatus.Completed, h.Status);
            Assert.Empty(h.State!.Tokens);
            Assert.Empty(h.State.Waits);
            Assert.Single(h.State.Scopes);
            Assert.Equal(delivered, h.Effects.OfType<ElementStarted>().Count(e => e.ElementId == "esp"));
            if (c.Interrupting) Assert.True(delivered <= 1);
            var started = h.Effects.OfType<ElementStarted>().Select(e => e.ElementInstanceId).ToList();
            var ended = h.Effects.OfType<ElementEnded>().Select(e => e.ElementInstanceId).ToList();
            Assert.Equal(started.Count, started.Distinct().Count());
            Assert.Equal(started.Order(), ended.Order());
            Assert.Equal(h.Effects.OfType<TaskCreated>().Count(), h.Effects.OfType<TaskCompleted>().Count() + h.Effects.OfType<TaskCancelled>().Count());
            Assert.Equal(h.Effects.OfType<MessageSubscriptionOpened>().Count(), h.Effects.OfType<MessageSubscriptionClosed>().Count());
            Assert.Single(h.Effects.OfType<InstanceCompleted>());
        }, iter: 300);
    }

    private static void CheckInvariants(EngineHarness h)
    {
        var state = h.State!;
        var scopeIds = state.Scopes.Select(s => s.Id).ToHashSet();
        foreach (var token in state.Tokens) Assert.Contains(token.ScopeId, scopeIds);
        foreach (var wait in state.Waits)
        {
            if (wait.ScopeId is { } scopeId) Assert.Contains(scopeId, scopeIds);
            else Assert.Contains(state.Tokens, t => t.Id == wait.TokenId);
        }
        foreach (var token in state.Tokens.Where(t => t.Phase == TokenPhase.Waiting))
            Assert.Single(state.Waits, w => w.TokenId == token.Id && w.ScopeId is null);
        foreach (var scope in state.Scopes.Where(s => s.OwnerTokenId is not null))
            Assert.Contains(state.Tokens, t => t.Id == scope.OwnerTokenId && t.Phase == TokenPhase.InScope);
        // The process listens exactly while it runs (an interrupting start withdrew the listener for good).
        Assert.True(state.Waits.Count(w => w.Kind == WaitKind.Message && w.ScopeId is not null) <= 1);
    }
}
