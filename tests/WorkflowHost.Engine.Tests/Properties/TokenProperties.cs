using CsCheck;
using WorkflowHost.Engine.Runtime;
using WorkflowHost.Engine.Tests.Support;

namespace WorkflowHost.Engine.Tests.Properties;

/// <summary>
/// Properties over generated processes, run with save/restore through JSON after every command (the harness
/// does that): no token is lost or duplicated, and every completed instance has no active tokens or waits.
/// </summary>
public sealed class TokenProperties
{
    private static readonly Gen<(Block Process, int Pick, uint[] Choices)> Cases =
        Gen.Select(Block.Gen(3), Gen.Int[0, 7], Gen.UInt.Array[64]);

    [Fact]
    public void EveryGeneratedProcess_CompletesWithoutLosingOrDuplicatingTokens()
    {
        Cases.Sample(c =>
        {
            var xml = ProcessWriter.Write(c.Process);
            var h = EngineHarness.Load(xml);
            h.Start(("pick", c.Pick));
            var step = 0;
            while (h.Status == InstanceStatus.Active)
            {
                CheckInvariants(h);
                Assert.Empty(h.OpenIncidents);
                var waits = h.State!.Waits.Where(w => w.Kind is WaitKind.UserTask or WaitKind.ServiceJob).OrderBy(w => w.Id).ToList();
                Assert.True(waits.Count > 0, "An active instance must be waiting for something. Tokens: "
                    + string.Join(", ", h.State.Tokens.Select(t => $"{t.ElementId}/{t.Phase}/{t.ArrivedVia}/scope {t.ScopeId}")) + "\nTrace: "
                    + string.Join(" ", h.Effects.Select(e => e switch { ElementStarted s => "+" + s.ElementId, ElementEnded x => "-" + x.ElementId, _ => "" }).Where(x => x.Length > 0)) + "\n" + xml);
                var wait = waits[(int)(c.Choices[step++ % c.Choices.Length] % (uint)waits.Count)];
                h.Run(wait.Kind == WaitKind.UserTask ? new CompleteUserTask(wait.Id) : new CompleteServiceJob(wait.Id));
                Assert.True(step < 500, "The instance should complete: " + xml);
            }
            Assert.Equal(InstanceStatus.Completed, h.Status);
            Assert.Empty(h.State!.Tokens);
            Assert.Empty(h.State.Waits);
            Assert.Single(h.State.Scopes);
            var started = h.Effects.OfType<ElementStarted>().Select(e => e.ElementInstanceId).ToList();
            var ended = h.Effects.OfType<ElementEnded>().Select(e => e.ElementInstanceId).ToList();
            Assert.Equal(started.Count, started.Distinct().Count());
            Assert.Equal(started.Order(), ended.Order());
            Assert.Equal(h.Effects.OfType<TaskCreated>().Count(), h.Effects.OfType<TaskCompleted>().Count());
            Assert.Single(h.Effects.OfType<InstanceCompleted>());
        }, iter: 400);
    }

    private static void CheckInvariants(EngineHarness h)
    {
        var state = h.State!;
        Assert.Equal(state.Tokens.Count, state.Tokens.Select(t => t.Id).Distinct().Count());
        var scopeIds = state.Scopes.Select(s => s.Id).ToHashSet();
        foreach (var token in state.Tokens) Assert.Contains(token.ScopeId, scopeIds);
        foreach (var wait in state.Waits) Assert.Contains(state.Tokens, t => t.Id == wait.TokenId);
        // A token waiting in a task has exactly one task or job; a scope is owned by a live token.
        foreach (var token in state.Tokens.Where(t => t.Phase == TokenPhase.Waiting))
            Assert.Single(state.Waits, w => w.TokenId == token.Id);
        foreach (var scope in state.Scopes.Where(s => s.OwnerTokenId is not null))
            Assert.Contains(state.Tokens, t => t.Id == scope.OwnerTokenId && t.Phase == TokenPhase.InScope);
        Assert.True(state.NextId > state.Tokens.Select(t => t.Id).DefaultIfEmpty(0).Max());
    }
}
