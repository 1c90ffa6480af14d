using System.Xml.Linq;
using WorkflowHost.Engine.Parsing;

namespace WorkflowHost.Procedures.Forms;

/// <summary>
/// Reads the <c>camunda:formData</c> of every user task in a BPMN document. The engine runs tasks without knowing their
/// forms; the host needs them to render a task's inputs and to accept only the variables a task declares
/// (architecture decision 14).
/// </summary>
public static class TaskFormReader
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    private static readonly XNamespace Wh = BpmnNamespaces.WorkflowHost;
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "string", "long", "boolean", "date", "enum" };

    /// <summary>The forms of the document's user tasks, by task id. Only tasks that declare fields or opt out appear.</summary>
    /// <exception cref="FormDefinitionException">A field has no id, an unknown type, or a duplicate id.</exception>
    public static IReadOnlyDictionary<string, TaskForm> Read(string bpmnXml)
    {
        // The document was already accepted by the engine; the same safe loader (no DTDs, no external entities) reads it again.
        var document = SafeXmlLoader.Load(bpmnXml, long.MaxValue, 512);
        var forms = new Dictionary<string, TaskForm>(StringComparer.Ordinal);
        foreach (var task in document.Descendants(Bpmn + "userTask"))
        {
            var taskId = (string?)task.Attribute("id") ?? "";
            var acceptsUndeclared = string.Equals((string?)task.Attribute(Wh + "acceptUndeclaredVariables"), "true", StringComparison.OrdinalIgnoreCase);
            var fields = new List<FormField>();
            var formData = task.Element(Bpmn + "extensionElements")?.Element(Camunda + "formData");
            foreach (var field in formData?.Elements(Camunda + "formField") ?? [])
                fields.Add(ReadField(taskId, field, fields));
            if (fields.Count > 0 || acceptsUndeclared) forms[taskId] = new TaskForm(taskId, fields, acceptsUndeclared);
        }
        return forms;
    }

    private static FormField ReadField(string taskId, XElement field, List<FormField> earlier)
    {
        var id = (string?)field.Attribute("id");
        if (string.IsNullOrWhiteSpace(id)) throw new FormDefinitionException(taskId, "a camunda:formField has no id.");
        if (earlier.Any(f => f.Id == id)) throw new FormDefinitionException(taskId, $"form field '{id}' is declared twice.");
        var type = (string?)field.Attribute("type") ?? "string";
        if (!Types.Contains(type)) throw new FormDefinitionException(taskId, $"form field '{id}' has type '{type}'; use string, long, boolean, date or enum.");
        var constraints = field.Element(Camunda + "validation")?.Elements(Camunda + "constraint")
            .Select(c => (string?)c.Attribute("name")).ToList() ?? [];
        var values = field.Elements(Camunda + "value").Select(v => new FormFieldValue((string?)v.Attribute("id") ?? "", (string?)v.Attribute("name"))).ToList();
        if (type == "enum" && values.Count == 0) throw new FormDefinitionException(taskId, $"enum form field '{id}' lists no camunda:value.");
        return new FormField(id, (string?)field.Attribute("label"), type, constraints.Contains("required"), values,
            (string?)field.Attribute("defaultValue"), constraints.Contains("readonly"));
    }
}

/// <summary>A user task's form declaration is unusable.</summary>
public sealed class FormDefinitionException(string taskId, string problem) : Exception($"userTask '{taskId}': {problem}")
{
    public string TaskId { get; } = taskId;
}
