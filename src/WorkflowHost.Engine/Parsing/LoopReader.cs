using System.Xml.Linq;
using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Parsing;

/// <summary>Reads standard loop and multi-instance characteristics of an activity.</summary>
internal static class LoopReader
{
    public static LoopDefinition? Read(XElement activity, string id, BpmnDocument document)
    {
        var ns = BpmnNamespaces.Model;
        var type = activity.Name.LocalName;
        if (activity.Element(ns + "multiInstanceLoopCharacteristics") is { } mi)
        {
            var collection = BpmnParser.Attr(mi, "collection");
            return new LoopDefinition
            {
                IsMultiInstance = true,
                IsSequential = BpmnParser.Bool(mi, "isSequential", id, document, type) ?? false,
                LoopCardinality = ExpressionReader.Compile(mi.Element(ns + "loopCardinality")?.Value, ExpressionKind.Expression, id, type, document),
                Collection = ExpressionReader.Compile(collection, ExpressionKind.Expression, id, type, document),
                ElementVariable = BpmnParser.Attr(mi, "elementVariable"),
                CompletionCondition = ExpressionReader.Compile(mi.Element(ns + "completionCondition")?.Value, ExpressionKind.Expression, id, type, document),
                OutputCollection = BpmnParser.Attr(mi, "outputCollection"),
                OutputElement = ExpressionReader.Compile(BpmnParser.Attr(mi, "outputElement"), ExpressionKind.Expression, id, type, document),
            };
        }
        if (activity.Element(ns + "standardLoopCharacteristics") is { } loop)
        {
            return new LoopDefinition
            {
                IsMultiInstance = false,
                TestBefore = BpmnParser.Bool(loop, "testBefore", id, document, type) ?? false,
                LoopMaximum = BpmnParser.Int(loop, "loopMaximum", id, document, type),
                LoopCondition = ExpressionReader.Compile(loop.Element(ns + "loopCondition")?.Value, ExpressionKind.Expression, id, type, document),
            };
        }
        return null;
    }
}
