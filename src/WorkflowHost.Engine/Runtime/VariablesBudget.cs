using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Keeps one instance's variables within <see cref="EngineOptions.MaxVariablesBytes"/> during one command. Every
/// variable written through <see cref="ScopeVariables"/> is admitted here first. Measuring the whole state on each
/// write would cost the state's size per script, so the budget keeps a running estimate — starting from the length of
/// the stored JSON when the state was read from it (<see cref="InstanceState.StoredLength"/>, an upper bound), so an
/// instance far below the cap is never measured; writes that shrink a value lower it, dropped local scopes do not —
/// and measures exactly only when the estimate crosses the cap.
/// </summary>
internal sealed class VariablesBudget(InstanceState state, long cap)
{
    private long? _used;

    /// <summary>
    /// Admits writing <paramref name="after"/> over <paramref name="before"/> under <paramref name="name"/>; throws
    /// <see cref="ProcessFailure"/> (an incident on the executing token, or a refusal of the command that carried the
    /// value) when it would take the instance past the cap. A write that does not grow the state is always admitted, so
    /// an instance already past a lowered cap can still shrink and finish.
    /// </summary>
    public void Admit(string name, JsonNode? before, JsonNode? after, bool existed)
    {
        if (cap <= 0) return;
        var growth = Size(name, after) - (existed ? Size(name, before) : 0);
        var used = _used ?? state.StoredLength ?? Measure(state);
        if (growth > 0 && used + growth > cap)
        {
            used = Measure(state);
            if (used + growth > cap)
            {
                _used = used;
                throw new ProcessFailure($"Setting the variable '{name}' would take the instance's variables to {used + growth:N0} bytes; " +
                    $"at most {cap:N0} are allowed (EngineOptions.MaxVariablesBytes). Keep large data in documents, not variables.");
            }
        }
        _used = used + growth;
    }

    /// <summary>Whether the state as it stands is past the cap (a start's variables, which are written before any scope exists).</summary>
    public bool Exceeded(out long used)
    {
        used = Measure(state);
        _used = used;
        return cap > 0 && used > cap;
    }

    /// <summary>Bytes of every variable of every scope, as UTF-8 JSON with its name: what the stored state spends on them.</summary>
    public static long Measure(InstanceState state)
    {
        long total = 0;
        foreach (var scope in state.Scopes)
            foreach (var (name, value) in scope.Variables)
                total += Size(name, value);
        return total;
    }

    private static long Size(string name, JsonNode? value) =>
        Encoding.UTF8.GetByteCount(name) + (value is null ? 4 : Encoding.UTF8.GetByteCount(value.ToJsonString()));
}
