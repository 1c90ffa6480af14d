using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Engine.Runtime;

/// <summary>Reads numbers from JSON values whatever CLR type backs them (int, long, double, or a parsed element).</summary>
internal static class JsonNumbers
{
    public static bool TryGetDouble(JsonNode? node, out double number)
    {
        number = 0;
        if (node is not JsonValue value) return false;
        if (value.TryGetValue(out double d)) { number = d; return true; }
        if (value.TryGetValue(out long l)) { number = l; return true; }
        if (value.TryGetValue(out int i)) { number = i; return true; }
        if (value.TryGetValue(out decimal m)) { number = (double)m; return true; }
        if (value.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number) { number = e.GetDouble(); return true; }
        return false;
    }
}
