using System.Text;
using CsCheck;

namespace WorkflowHost.Engine.Tests.Properties;

/// <summary>
/// Random well-formed (block-structured) processes: sequences, parallel, exclusive and inclusive blocks over
/// user tasks, service tasks, script tasks and embedded subprocesses. Every such process can complete.
/// </summary>
public abstract record Block
{
    public static Gen<Block> Gen(int depth) =>
        depth <= 0
            ? Leaf
            : CsCheck.Gen.Frequency(
                (4, Leaf),
                (2, Gen(depth - 1).List[2, 3].Select(items => (Block)new SequenceBlock(items))),
                (2, Gen(depth - 1).List[2, 3].Select(items => (Block)new ParallelBlock(items))),
                (2, Gen(depth - 1).List[2, 3].Select(items => (Block)new ExclusiveBlock(items))),
                (2, Gen(depth - 1).List[2, 3].Select(items => (Block)new InclusiveBlock(items))),
                (1, Gen(depth - 1).Select(inner => (Block)new SubProcessBlock(inner))));

    private static readonly Gen<Block> Leaf = CsCheck.Gen.Frequency(
        (4, CsCheck.Gen.Const((Block)new TaskBlock("userTask"))),
        (2, CsCheck.Gen.Const((Block)new TaskBlock("serviceTask"))),
        (1, CsCheck.Gen.Const((Block)new TaskBlock("scriptTask"))));
}

public sealed record TaskBlock(string Kind) : Block;
public sealed record SequenceBlock(List<Block> Items) : Block;
public sealed record ParallelBlock(List<Block> Items) : Block;
public sealed record ExclusiveBlock(List<Block> Items) : Block;
public sealed record InclusiveBlock(List<Block> Items) : Block;
public sealed record SubProcessBlock(Block Inner) : Block;

/// <summary>Writes a block tree as BPMN XML.</summary>
public sealed class ProcessWriter
{
    private readonly StringBuilder _xml = new();
    private int _next;

    public static string Write(Block root)
    {
        var writer = new ProcessWriter();
        var body = writer.Scope(root);
        return Support.Bpmn.Process(body);
    }

    private string Scope(Block root)
    {
        var outer = _xml.Length;
        var start = Id("start");
        _xml.Append($"<startEvent id=\"{start}\"/>");
        var (entry, exit) = Emit(root);
        var end = Id("end");
        _xml.Append($"<endEvent id=\"{end}\"/>");
        Flow(start, entry);
        Flow(exit, end);
        var text = _xml.ToString(outer, _xml.Length - outer);
        _xml.Length = outer;
        return text;
    }

    private string Id(string prefix) => $"{prefix}_{_next++}";

    private void Flow(string from, string to, string? condition = null, string? id = null)
    {
        id ??= Id("f");
        _xml.Append(condition is null
            ? $"<sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\"/>"
            : $"<sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\"><conditionExpression>{condition}</conditionExpression></sequenceFlow>");
    }

    private (string Entry, string Exit) Emit(Block block)
    {
        switch (block)
        {
            case TaskBlock t:
                var id = Id(t.Kind);
                _xml.Append(t.Kind switch
                {
                    "serviceTask" => $"<serviceTask id=\"{id}\" camunda:topic=\"work\"/>",
                    "scriptTask" => $"<scriptTask id=\"{id}\"><script>steps = (typeof steps === 'number' ? steps : 0) + 1</script></scriptTask>",
                    _ => $"<userTask id=\"{id}\"/>",
                });
                return (id, id);
            case SequenceBlock s:
                var parts = s.Items.Select(Emit).ToList();
                for (var i = 0; i < parts.Count - 1; i++) Flow(parts[i].Exit, parts[i + 1].Entry);
                return (parts[0].Entry, parts[^1].Exit);
            case SubProcessBlock sp:
                var subId = Id("sub");
                var inner = Scope(sp.Inner);
                _xml.Append($"<subProcess id=\"{subId}\">{inner}</subProcess>");
                return (subId, subId);
            default:
                return EmitGateways(block);
        }
    }

    private (string, string) EmitGateways(Block block)
    {
        var (kind, items) = block switch
        {
            ParallelBlock p => ("parallelGateway", p.Items),
            ExclusiveBlock x => ("exclusiveGateway", x.Items),
            InclusiveBlock n => ("inclusiveGateway", n.Items),
            _ => throw new InvalidOperationException(),
        };
        var split = Id("split");
        var join = Id("join");
        var defaultFlow = Id("f");
        var defaultAttr = kind == "parallelGateway" ? "" : $" default=\"{defaultFlow}\"";
        _xml.Append($"<{kind} id=\"{split}\"{defaultAttr}/><{kind} id=\"{join}\"/>");
        for (var i = 0; i < items.Count; i++)
        {
            var (entry, exit) = Emit(items[i]);
            // Branch i is taken when bit i of `pick` is set; branch 0 is the default, so one always runs.
            string? condition = kind == "parallelGateway" || i == 0 ? null : $"${{(pick &amp; {1 << i}) != 0}}";
            Flow(split, entry, condition, i == 0 && kind != "parallelGateway" ? defaultFlow : null);
            Flow(exit, join);
        }
        return (split, join);
    }
}
