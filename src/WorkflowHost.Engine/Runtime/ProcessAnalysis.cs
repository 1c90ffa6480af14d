using System.Collections.Concurrent;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Runtime;

/// <summary>
/// Facts about the graph computed once per definition and shared by all runs: which nodes can still reach each
/// incoming flow of an inclusive join (the spec's activation rule needs it on every arrival).
/// </summary>
internal sealed class ProcessAnalysis(BpmnDocument document)
{
    private readonly ConcurrentDictionary<SequenceFlow, HashSet<string>> _upstream = new();

    /// <summary>Ids of the nodes from which <paramref name="incoming"/> can be reached without passing its target gateway.</summary>
    public HashSet<string> NodesReaching(SequenceFlow incoming) => _upstream.GetOrAdd(incoming, Compute);

    public BpmnDocument Document => document;

    private static HashSet<string> Compute(SequenceFlow incoming)
    {
        var gateway = incoming.Target;
        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<FlowNode>();
        void Visit(FlowNode node)
        {
            if (node == gateway || !result.Add(node.Id)) return;
            queue.Enqueue(node);
        }
        Visit(incoming.Source);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var flow in node.Incoming) Visit(flow.Source);
            // A token at an activity can leave through its boundary events, and a link throw continues at its catch.
            if (node.Kind == NodeKind.BoundaryEvent && node.AttachedTo is { } host) Visit(host);
            if (node.Kind == NodeKind.IntermediateCatchEvent && node.Event?.Kind == EventKind.Link)
                foreach (var thrower in node.Scope.Nodes.Where(n => n.Kind == NodeKind.IntermediateThrowEvent && n.Event?.Kind == EventKind.Link && n.Event.LinkName == node.Event.LinkName))
                    Visit(thrower);
            // Event-based gateway waits sit on the gateway token.
            if (node.Kind == NodeKind.IntermediateCatchEvent || node.Kind == NodeKind.ReceiveTask)
                foreach (var flow in node.Incoming.Where(f => f.Source.Kind == NodeKind.EventBasedGateway)) Visit(flow.Source);
        }
        return result;
    }
}
