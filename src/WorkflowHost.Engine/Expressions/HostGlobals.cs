using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// Turns the host's globals (delegates, plain values, <see cref="JsonNode"/>s, dictionaries of those) into
/// JavaScript values. Nothing of the CLR leaks: delegates are wrapped in functions that convert their arguments and
/// result, and everything else is copied.
/// </summary>
internal static class HostGlobals
{
    /// <summary>Checks every value up front so a bad configuration fails when the evaluator is built.</summary>
    public static void Validate(IReadOnlyDictionary<string, object>? globals)
    {
        if (globals is null) return;
        foreach (var (name, value) in globals)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("A host global needs a name.", nameof(globals));
            if (ExpressionCompiler.ReservedNames.Contains(name))
                throw new ArgumentException($"The host global '{name}' has the name of a JavaScript built-in or of 'execution'; choose another name.", nameof(globals));
            ValidateValue(name, value, 0);
        }
    }

    private static void ValidateValue(string path, object? value, int depth)
    {
        if (depth > JsonJs.MaxDepth) throw new ArgumentException($"The host global '{path}' is nested too deeply (or refers to itself).");
        switch (value)
        {
            case null or JsonNode or string or bool or char or Enum or DateTime or DateTimeOffset or Guid:
                return;
            case Delegate d:
                foreach (var parameter in InvokeMethod(d).GetParameters())
                    if (!IsSupportedParameter(parameter.ParameterType))
                        throw new ArgumentException($"The host function '{path}' has a parameter of type {parameter.ParameterType.Name}; use string, bool, numbers, JsonNode, object or object[].");
                return;
            case IDictionary<string, object?> dictionary:
                foreach (var (key, child) in dictionary) ValidateValue(path + "." + key, child, depth + 1);
                return;
            case IReadOnlyDictionary<string, object?> dictionary:
                foreach (var (key, child) in dictionary) ValidateValue(path + "." + key, child, depth + 1);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) ValidateValue(path + "." + entry.Key, entry.Value, depth + 1);
                return;
            case IEnumerable sequence:
                var i = 0;
                foreach (var child in sequence) ValidateValue($"{path}[{i++}]", child, depth + 1);
                return;
            default:
                if (IsNumber(value)) return;
                throw new ArgumentException($"The host global '{path}' is a {value.GetType().Name}, which expressions cannot use; pass a delegate, a JsonNode, a string, number or bool, or a dictionary or list of those.");
        }
    }

    /// <summary>Converts a host value; <paramref name="path"/> names it in messages and function names.</summary>
    public static JsValue ToJs(Jint.Engine engine, string path, object? value)
    {
        switch (value)
        {
            case null:
                return JsValue.Null;
            case JsValue js:
                return js;
            case JsonNode node:
                return JsonJs.ToJsValue(engine, node);
            case string s:
                return new JsString(s);
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case char c:
                return new JsString(c);
            case Enum e:
                return new JsString(e.ToString());
            case DateTime dt:
                return new JsString(dt.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset dto:
                return new JsString(dto.ToString("O", CultureInfo.InvariantCulture));
            case Guid g:
                return new JsString(g.ToString());
            case Delegate d:
                return ToFunction(engine, path, d);
            case IDictionary<string, object?> dictionary:
            {
                var obj = new JsObject(engine);
                foreach (var (key, child) in dictionary) obj.FastSetDataProperty(key, ToJs(engine, path + "." + key, child));
                return obj;
            }
            case IReadOnlyDictionary<string, object?> dictionary:
            {
                var obj = new JsObject(engine);
                foreach (var (key, child) in dictionary) obj.FastSetDataProperty(key, ToJs(engine, path + "." + key, child));
                return obj;
            }
            case IDictionary dictionary:
            {
                var obj = new JsObject(engine);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    obj.FastSetDataProperty(key, ToJs(engine, path + "." + key, entry.Value));
                }
                return obj;
            }
            case IEnumerable sequence:
            {
                var items = new List<JsValue>();
                foreach (var child in sequence) items.Add(ToJs(engine, $"{path}[{items.Count}]", child));
                return new JsArray(engine, items.ToArray());
            }
            default:
                if (IsNumber(value)) return JsNumber.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"{path} produced a {value.GetType().Name}, which expressions cannot use");
        }
    }

    private static JsValue ToFunction(Jint.Engine engine, string path, Delegate target)
    {
        if (target is Func<JsValue, JsValue[], JsValue> raw)
            return new ClrFunction(engine, path, raw);

        var invoke = InvokeMethod(target);
        var parameters = invoke.GetParameters();
        var returnsVoid = invoke.ReturnType == typeof(void);
        return new ClrFunction(engine, path, (_, arguments) =>
        {
            var values = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var type = parameters[i].ParameterType;
                if (i == parameters.Length - 1 && type.IsArray)
                {
                    var rest = Math.Max(0, arguments.Length - i);
                    var array = Array.CreateInstance(type.GetElementType()!, rest);
                    for (var j = 0; j < rest; j++) array.SetValue(FromJs(engine, path, arguments[i + j], type.GetElementType()!, i + j), j);
                    values[i] = array;
                }
                else values[i] = FromJs(engine, path, i < arguments.Length ? arguments[i] : JsValue.Undefined, type, i);
            }

            object? result;
            try
            {
                result = target.DynamicInvoke(values);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null and not JavaScriptException)
            {
                throw new JavaScriptException(engine.Intrinsics.Error, $"{path} failed: {ex.InnerException.Message}", ex.InnerException);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is JavaScriptException js)
            {
                throw js;
            }
            return returnsVoid ? JsValue.Undefined : ToJs(engine, path, result);
        }, parameters.Length);
    }

    private static object? FromJs(Jint.Engine engine, string path, JsValue value, Type type, int index)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (value.IsNull() || value.IsUndefined()) return null;
            type = underlying;
        }

        if (type == typeof(JsValue)) return value;
        if (type == typeof(string)) return value.IsNull() || value.IsUndefined() ? null : TypeConverter.ToString(value);
        if (type == typeof(bool)) return TypeConverter.ToBoolean(value);
        if (IsNumberType(type)) return Convert.ChangeType(TypeConverter.ToNumber(value), type, CultureInfo.InvariantCulture);

        JsonNode? node;
        try
        {
            node = JsonJs.ToJsonNode(value, $"argument {index + 1} of {path}");
        }
        catch (ExpressionEvaluationException ex)
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, ex.Message);
        }
        if (type == typeof(object)) return Natural(node);
        if (node is null || type.IsInstanceOfType(node)) return node;
        throw new JavaScriptException(engine.Intrinsics.TypeError, $"Argument {index + 1} of {path} must be a {type.Name}");
    }

    /// <summary>Primitives as CLR primitives (string, long, double, bool), objects and arrays as JsonNode.</summary>
    private static object? Natural(JsonNode? node)
    {
        if (node is not JsonValue value) return node;
        return value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            _ => value.TryGetValue(out long l) ? l : value.GetValue<double>(),
        };
    }

    private static MethodInfo InvokeMethod(Delegate d) => d.GetType().GetMethod("Invoke")!;

    private static bool IsSupportedParameter(Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(bool) || type == typeof(object) || type == typeof(JsValue)
            || IsNumberType(type) || typeof(JsonNode).IsAssignableFrom(type);
    }

    private static bool IsNumber(object value) => IsNumberType(value.GetType());

    private static bool IsNumberType(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(int) || type == typeof(long)
        || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);
}
