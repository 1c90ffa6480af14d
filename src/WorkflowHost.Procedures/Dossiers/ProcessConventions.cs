using WorkflowHost.Engine;
using WorkflowHost.Procedures.Forms;

namespace WorkflowHost.Procedures.Dossiers;

/// <summary>One problem with a procedure's own attributes, named by BPMN element.</summary>
public sealed record ConventionProblem(string ElementId, string ElementType, string Message);

/// <summary>
/// Checks the WorkflowHost attributes a dossier's process relies on (architecture decision 12) before it can be
/// deployed: <c>wh:dossierStatus</c> is a portal status code 1-10, <c>wh:unit</c> names one of the dossier's three
/// units, and declared task forms are readable. The engine ignores these attributes; a typo would otherwise only show
/// as a dossier stuck in the wrong status or a task nobody sees.
/// </summary>
public static class ProcessConventions
{
    public static IReadOnlyList<ConventionProblem> Check(ExecutableDefinition definition)
    {
        var problems = new List<ConventionProblem>();
        foreach (var node in definition.Process.AllNodes.Values)
        {
            if (node.Extensions.TryGetValue("dossierStatus", out var status) && !(int.TryParse(status, out var code) && DossierStatus.IsKnown(code)))
                problems.Add(new(node.Id, node.ElementType, $"wh:dossierStatus=\"{status}\" is not a national portal status code; use 1 to 10 (2 accepted, 3 refused, 4 in progress, 5 awaiting supplement, 9 processed, 10 returned)."));
            if (node.Extensions.TryGetValue("unit", out var unit) && unit.Trim().ToLowerInvariant() is not ("receiving" or "competent" or "return"))
                problems.Add(new(node.Id, node.ElementType, $"wh:unit=\"{unit}\" names no unit of a dossier; use receiving, competent or return."));
        }
        try
        {
            TaskFormReader.Read(definition.SourceXml);
            EmbeddedFormReader.Read(definition.SourceXml);
        }
        catch (FormDefinitionException ex)
        {
            problems.Add(new(ex.TaskId, "userTask", ex.Message));
        }
        return problems;
    }
}
