using System.Xml.Linq;

namespace WorkflowHost.Engine.Parsing;

/// <summary>The XML namespaces the parser understands; every other namespace is kept in the source and ignored.</summary>
public static class BpmnNamespaces
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    /// <summary>WorkflowHost's own extensions (working-day budgets, multi-instance output collection).</summary>
    public static readonly XNamespace WorkflowHost = "https://workflowhost.vn/schema/bpmn/1.0";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
