using System.Text.Json;
using System.Xml.Linq;
using WorkflowHost.Engine.Parsing;

namespace WorkflowHost.Procedures.Forms;

/// <summary>
/// Reads the form-js schemas the designer stores inside a BPMN document: a user task's
/// <c>&lt;extensionElements&gt;&lt;wh:formSchema&gt;{json}&lt;/wh:formSchema&gt;</c>. Kept in the XML so a form is
/// versioned, published and immutable together with the process that shows it.
/// </summary>
public static class EmbeddedFormReader
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Model;
    private static readonly XNamespace Wh = BpmnNamespaces.WorkflowHost;

    /// <summary>The schema text of every user task that embeds one, by task id.</summary>
    /// <exception cref="FormDefinitionException">A schema is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, string> Read(string bpmnXml)
    {
        var document = SafeXmlLoader.Load(bpmnXml, long.MaxValue, 512);
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in document.Descendants(Bpmn + "userTask"))
        {
            var schema = task.Element(Bpmn + "extensionElements")?.Element(Wh + "formSchema")?.Value;
            if (string.IsNullOrWhiteSpace(schema)) continue;
            var taskId = (string?)task.Attribute("id") ?? "";
            try
            {
                using var json = JsonDocument.Parse(schema);
                if (json.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            }
            catch (JsonException ex)
            {
                throw new FormDefinitionException(taskId, $"its wh:formSchema is not a form-js schema (a JSON object): {ex.Message}");
            }
            schemas[taskId] = schema;
        }
        return schemas;
    }
}
