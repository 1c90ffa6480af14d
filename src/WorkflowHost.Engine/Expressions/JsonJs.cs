using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// Converts process variables (<see cref="JsonNode"/>) to JavaScript values and back.
/// <list type="bullet">
/// <item>JSON to JavaScript: objects become plain objects, arrays become arrays, numbers become numbers; nothing
/// from the CLR is exposed.</item>
/// <item>JavaScript to JSON: integral numbers become long-valued <see cref="JsonValue"/>s (so JSON says <c>1</c>,
/// not <c>1.0</c>), other numbers doubles; <c>undefined</c> becomes <see langword="null"/> (and object members whose
/// value is <c>undefined</c> are left out, as <c>JSON.stringify</c> does); a <c>Date</c> becomes an ISO 8601 UTC
/// string; holes in arrays become <see langword="null"/>.</item>
/// <item>Refused with an <see cref="ExpressionEvaluationException"/> (<see cref="ExpressionFailure.InvalidValue"/>)
/// naming where the value was found: functions, symbols, NaN and infinities, Map/Set/RegExp/Proxy and other
/// non-plain objects, getters, BigInts outside the long range, nesting deeper than <see cref="MaxDepth"/> (which
/// also catches cycles) and arrays longer than <see cref="MaxArrayLength"/>.</item>
/// </list>
/// Reading a JavaScript value never runs JavaScript code (no getters, no proxy traps, no <c>toJSON</c>).
/// </summary>
public static class JsonJs
{
    /// <summary>Deepest nesting of objects and arrays converted to JSON.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest array converted to JSON (guards against sparse arrays such as <c>a[1e9] = 1</c>).</summary>
    public const int MaxArrayLength = 1_000_000;

    private const double MaxSafeInteger = 9007199254740991d;

    /// <summary>Converts a JSON value into a new JavaScript value owned by <paramref name="engine"/>.</summary>
    public static JsValue ToJsValue(Jint.Engine engine, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(engine);
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
            {
                var result = new JsObject(engine);
                foreach (var (key, child) in obj) result.FastSetDataProperty(key, ToJsValue(engine, child));
                return result;
            }
            case JsonArray array:
            {
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++) items[i] = ToJsValue(engine, array[i]);
                return new JsArray(engine, items);
            }
            default:
                return FromJsonValue(node.AsValue());
        }
    }

    /// <summary>
    /// Converts a JavaScript value into a new JSON node (never shared with anything else), or throws an
    /// <see cref="ExpressionEvaluationException"/> saying what cannot be stored and where.
    /// </summary>
    public static JsonNode? ToJsonNode(JsValue value) => ToJsonNode(value, "value");

    /// <summary>As <see cref="ToJsonNode(JsValue)"/>; <paramref name="rootName"/> starts the path in error messages.</summary>
    internal static JsonNode? ToJsonNode(JsValue value, string rootName)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return ToNode(value, 0);
        }
        catch (ConversionFailure failure)
        {
            var where = $" (at {rootName}{failure.Path})";
            throw new ExpressionEvaluationException(failure.Reason + where + ".", ExpressionFailure.InvalidValue);
        }
    }

    private static JsValue FromJsonValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return JsValue.Null;
            case JsonValueKind.Number:
                return JsNumber.Create(NumberOf(value));
            case JsonValueKind.String:
                return new JsString(StringOf(value));
            default:
                // a JsonValue wrapping an object or array (rare): go through its JSON text
                return FromJsonValue(JsonValue.Create(JsonDocument.Parse(value.ToJsonString()).RootElement)!);
        }
    }

    private static double NumberOf(JsonValue value)
    {
        if (value.TryGetValue(out double d)) return d;
        if (value.TryGetValue(out long l)) return l;
        if (value.TryGetValue(out int i)) return i;
        if (value.TryGetValue(out decimal m)) return (double)m;
        if (value.TryGetValue(out float f)) return f;
        if (value.TryGetValue(out ulong ul)) return ul;
        if (value.TryGetValue(out uint ui)) return ui;
        if (value.TryGetValue(out short s)) return s;
        if (value.TryGetValue(out byte b)) return b;
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string StringOf(JsonValue value)
    {
        if (value.TryGetValue(out string? s)) return s;
        // DateTime, Guid, char, enums ... wrapped by a JsonValue: their JSON text is a string literal
        return JsonDocument.Parse(value.ToJsonString()).RootElement.GetString() ?? "";
    }

    private static JsonNode? ToNode(JsValue value, int depth)
    {
        switch (value.Type)
        {
            case Types.Undefined or Types.Null or Types.Empty:
                return null;
            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());
            case Types.String:
                return JsonValue.Create(value.ToString());
            case Types.Number:
                return NumberNode(value.AsNumber());
            case Types.BigInt:
                var big = TypeConverter.ToBigInt(value);
                if (big >= long.MinValue && big <= long.MaxValue) return JsonValue.Create((long)big);
                throw new ConversionFailure("A BigInt outside the 64-bit range cannot be stored as JSON");
            case Types.Symbol:
                throw new ConversionFailure("A symbol cannot be stored as JSON");
        }

        if (depth >= MaxDepth)
            throw new ConversionFailure($"The value is nested deeper than {MaxDepth} levels (or refers to itself) and cannot be stored as JSON");

        switch (value)
        {
            case JsArray array:
                return ArrayNode(array, depth);
            case JsDate date:
                return JsonValue.Create(IsoDate(date.DateValue));
            case JsObject obj:
                return ObjectNode(obj, depth);
            default:
                throw new ConversionFailure(JsValueExtensions.IsCallable(value)
                    ? "A function cannot be stored as JSON"
                    : $"A {JsClassName(value)} cannot be stored as JSON; use plain objects, arrays, strings, numbers, booleans or null");
        }
    }

    private static JsonValue NumberNode(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
            throw new ConversionFailure($"The number {JsNumberText(number)} cannot be stored as JSON");
        if (Math.Abs(number) <= MaxSafeInteger && Math.Floor(number) == number)
            return JsonValue.Create((long)number); // also turns -0 into 0
        return JsonValue.Create(number);
    }

    private static JsonArray ArrayNode(JsArray array, int depth)
    {
        var length = array.Length;
        if (length > MaxArrayLength)
            throw new ConversionFailure($"An array of {length} elements is longer than the {MaxArrayLength} that can be stored");
        var result = new JsonArray();
        for (uint i = 0; i < length; i++)
        {
            var descriptor = array.GetOwnProperty(JsNumber.Create(i));
            if (descriptor != PropertyDescriptor.Undefined && !descriptor.IsDataDescriptor())
                throw new ConversionFailure("A getter cannot be stored as JSON", $"[{i}]");
            var element = descriptor == PropertyDescriptor.Undefined ? JsValue.Undefined : descriptor.Value;
            try
            {
                result.Add(element.IsUndefined() ? null : ToNode(element, depth + 1));
            }
            catch (ConversionFailure failure)
            {
                failure.Prepend($"[{i}]");
                throw;
            }
        }
        return result;
    }

    private static JsonObject ObjectNode(ObjectInstance obj, int depth)
    {
        var result = new JsonObject();
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (!key.IsString() || !descriptor.Enumerable) continue;
            var name = key.ToString();
            if (!descriptor.IsDataDescriptor())
                throw new ConversionFailure("A getter or setter cannot be stored as JSON", PropertyPath(name));
            var child = descriptor.Value;
            if (child.IsUndefined()) continue;
            try
            {
                result[name] = ToNode(child, depth + 1);
            }
            catch (ConversionFailure failure)
            {
                failure.Prepend(PropertyPath(name));
                throw;
            }
        }
        return result;
    }

    /// <summary>Same text as JavaScript's <c>Date.prototype.toISOString</c> for years 0000-9999.</summary>
    private static string IsoDate(double milliseconds)
    {
        if (double.IsNaN(milliseconds)) throw new ConversionFailure("An invalid Date cannot be stored as JSON");
        var min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        if (milliseconds < min || milliseconds > max)
            throw new ConversionFailure("A Date outside the years 0001-9999 cannot be stored as JSON");
        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static string PropertyPath(string name)
    {
        var simple = name.Length > 0 && !char.IsDigit(name[0]);
        foreach (var c in name)
            if (!char.IsLetterOrDigit(c) && c != '_' && c != '$') simple = false;
        return simple ? "." + name : "[" + JsonSerializer.Serialize(name) + "]";
    }

    private static string JsNumberText(double number) =>
        double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity";

    private static string JsClassName(JsValue value)
    {
        var name = value.GetType().Name;
        if (name.StartsWith("Js", StringComparison.Ordinal)) name = name[2..];
        if (name.EndsWith("Instance", StringComparison.Ordinal)) name = name[..^"Instance".Length];
        return name switch
        {
            "Arguments" => "function's arguments object",
            "Number" or "String" or "Boolean" => name + " object (new " + name + "(...))",
            _ => name,
        };
    }

    /// <summary>Internal signal carrying the reason and the path (built while unwinding) of a refused value.</summary>
    private sealed class ConversionFailure(string reason, string path = "") : Exception(reason)
    {
        private readonly StringBuilder _path = new(path);

        public string Reason { get; } = reason;

        public string Path => _path.ToString();

        public void Prepend(string segment) => _path.Insert(0, segment);
    }
}
