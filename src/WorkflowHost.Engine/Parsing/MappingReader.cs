using System.Xml.Linq;
using WorkflowHost.Engine.Expressions;
using WorkflowHost.Engine.Model;

namespace WorkflowHost.Engine.Parsing;

/// <summary>Reads Camunda variable mappings: <c>camunda:inputOutput</c> and call activity <c>camunda:in</c>/<c>camunda:out</c>.</summary>
internal static class MappingReader
{
    public static IReadOnlyList<VariableMapping> ReadInputOutput(XElement element, string parameterName, string id, BpmnDocument document)
    {
        var io = element.Element(BpmnNamespaces.Model + "extensionElements")?.Element(BpmnNamespaces.Camunda + "inputOutput");
        if (io is null) return [];
        var type = element.Name.LocalName;
        var result = new List<VariableMapping>();
        foreach (var parameter in io.Elements(BpmnNamespaces.Camunda + parameterName))
        {
            var name = (string?)parameter.Attribute("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                document.ParseProblems.Add((id, type, $"A camunda:{parameterName} of {type} '{id}' has no name."));
                continue;
            }
            if (parameter.HasElements)
            {
                var script = parameter.Element(BpmnNamespaces.Camunda + "script");
                if (script is null)
                {
                    document.ParseProblems.Add((id, type, $"The camunda:{parameterName} '{name}' of {type} '{id}' uses a list or map; write it as a JavaScript expression such as ${{[a, b]}} instead."));
                    continue;
                }
                result.Add(new VariableMapping(name, null, ExpressionReader.Compile(script.Value, ExpressionKind.Script, id, type, document)));
                continue;
            }
            var text = parameter.Value;
            result.Add(ExpressionReader.IsExpression(text)
                ? new VariableMapping(name, null, ExpressionReader.Compile(text, ExpressionKind.Expression, id, type, document))
                : new VariableMapping(name, null, null, Literal: text));
        }
        return result;
    }

    public static IReadOnlyList<VariableMapping> ReadCallMappings(XElement element, string direction, string id, BpmnDocument document)
    {
        var extensions = element.Element(BpmnNamespaces.Model + "extensionElements");
        if (extensions is null) return [];
        var type = element.Name.LocalName;
        var result = new List<VariableMapping>();
        foreach (var mapping in extensions.Elements(BpmnNamespaces.Camunda + direction))
        {
            var local = BpmnParser.Bool(mapping, "local", id, document, type) ?? false;
            if ((string?)mapping.Attribute("variables") == "all")
            {
                result.Add(new VariableMapping("*", null, null, All: true, Local: local));
                continue;
            }
            var target = (string?)mapping.Attribute("target");
            var source = (string?)mapping.Attribute("source");
            var sourceExpression = (string?)mapping.Attribute("sourceExpression");
            if ((string?)mapping.Attribute("businessKey") is not null) continue; // business key is the host's concern
            if (string.IsNullOrWhiteSpace(target) || (source is null && sourceExpression is null))
            {
                document.ParseProblems.Add((id, type, $"A camunda:{direction} of {type} '{id}' needs a target and a source or sourceExpression."));
                continue;
            }
            result.Add(new VariableMapping(target, source,
                sourceExpression is null ? null : ExpressionReader.Compile(sourceExpression, ExpressionKind.Expression, id, type, document),
                Local: local));
        }
        return result;
    }
}
