using System.Text.Json.Nodes;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// The process variables an evaluation may see, implemented by the engine over an instance's variable scopes.
/// The evaluator calls it only on the thread that called <see cref="ExpressionEvaluator"/>, and only during that call.
/// </summary>
public interface IVariableAccess
{
    /// <summary>Finds a visible variable; a variable may exist with the value <see langword="null"/>.</summary>
    bool TryGetVariable(string name, out JsonNode? value);

    /// <summary>Creates or overwrites a variable. The node is owned by the callee afterwards (it has no parent).</summary>
    void SetVariable(string name, JsonNode? value);

    /// <summary>Removes a variable; removing a variable that does not exist does nothing.</summary>
    void RemoveVariable(string name);
}
