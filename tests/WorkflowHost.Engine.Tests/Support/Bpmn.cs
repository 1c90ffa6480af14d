namespace WorkflowHost.Engine.Tests.Support;

/// <summary>Wraps process bodies written in tests into a complete BPMN document.</summary>
public static class Bpmn
{
    public static string Process(string body, string id = "p", string extraRoot = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     xmlns:wh="https://workflowhost.vn/schema/bpmn/1.0"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     id="defs" targetNamespace="http://workflowhost.test">
          {extraRoot}
          <process id="{id}" isExecutable="true">
            {body}
          </process>
        </definitions>
        """;

    /// <summary>start -> the given nodes in a chain -> end, with flows f0..fn.</summary>
    public static string Chain(params string[] nodes)
    {
        var ids = new List<string> { "start" };
        var body = new System.Text.StringBuilder("<startEvent id=\"start\"/>");
        foreach (var node in nodes)
        {
            body.Append(node);
            var id = System.Text.RegularExpressions.Regex.Match(node, "id=\"([^\"]+)\"").Groups[1].Value;
            ids.Add(id);
        }
        body.Append("<endEvent id=\"end\"/>");
        ids.Add("end");
        for (var i = 0; i < ids.Count - 1; i++)
            body.Append($"<sequenceFlow id=\"f{i}\" sourceRef=\"{ids[i]}\" targetRef=\"{ids[i + 1]}\"/>");
        return Process(body.ToString());
    }
}
