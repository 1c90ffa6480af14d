using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowHost.Engine.Expressions;

/// <summary>
/// One Jint engine configured as the sandbox, owned by one thread (engines are single-threaded). Built once:
/// limits, no CLR access, no string compilation (<c>eval</c>, <c>Function(...)</c>), the <c>execution</c> object
/// and the host globals installed, then every built-in and host object frozen and the global surface captured so
/// that each run can be rolled back to it.
/// </summary>
internal sealed class SandboxEngine
{
    private readonly GlobalSnapshot _snapshot;

    public SandboxEngine(ExpressionLimits limits, IReadOnlyDictionary<string, object>? hostGlobals)
    {
        Engine = new Jint.Engine(options =>
        {
            options.Strict = false; // expressions are prepared strict; scripts may assign undeclared globals
            options.Host.StringCompilationAllowed = false;
            options.AgentCanSuspend = false; // Atomics.wait must not block the thread
            options.Interop.Enabled = false;
            options.Culture = CultureInfo.InvariantCulture;
            options.TimeZone = TimeZoneInfo.Utc;
            options.TimeSystem = new CommandTimeSystem();
            options.TimeoutInterval(limits.Timeout);
            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MemoryBytes);
            options.Constraints.MaxRecursionDepth = limits.MaxRecursion > 0 ? limits.MaxRecursion : -1;
            options.Constraints.StackOverflowGuard = true;
            if (limits.Timeout > TimeSpan.Zero) options.Constraints.RegexTimeout = limits.Timeout;
        });
        Global = Engine.Global;

        DefineConstant(ExpressionCompiler.ExecutionName, CreateExecution());
        if (hostGlobals is not null)
            foreach (var (name, value) in hostGlobals) DefineConstant(name, HostGlobals.ToJs(Engine, name, value));
        GuardAllocations(limits.MemoryBytes);
        Harden();
        _snapshot = Engine.Advanced.CaptureGlobalSnapshot();
    }

    public Jint.Engine Engine { get; }

    public ObjectInstance Global { get; }

    /// <summary>The variables of the run in progress (read by the <c>execution</c> functions); null between runs.</summary>
    public IVariableAccess? Variables { get; set; }

    /// <summary>True while a run is in progress: a host function that evaluates again on this thread gets a fresh engine.</summary>
    public bool Busy { get; set; }

    /// <summary>Removes every global a run added or changed (declarations, assignments, injected variables).</summary>
    public void RestoreGlobals() => Engine.Advanced.RestoreGlobalSnapshot(_snapshot);

    private void DefineConstant(string name, JsValue value) =>
        Global.DefineOwnProperty(name, new PropertyDescriptor(value, writable: false, enumerable: false, configurable: false));

    private JsObject CreateExecution()
    {
        var execution = new JsObject(Engine);
        execution.FastSetDataProperty("getVariable", new ClrFunction(Engine, "getVariable", (thisValue, args) =>
            CurrentVariables().TryGetVariable(NameArgument(args, "getVariable"), out var value) ? JsonJs.ToJsValue(Engine, value) : JsValue.Null, 1));
        execution.FastSetDataProperty("hasVariable", new ClrFunction(Engine, "hasVariable", (thisValue, args) =>
            CurrentVariables().TryGetVariable(NameArgument(args, "hasVariable"), out _) ? JsBoolean.True : JsBoolean.False, 1));
        execution.FastSetDataProperty("setVariable", new ClrFunction(Engine, "setVariable", (thisValue, args) =>
        {
            var variables = CurrentVariables();
            var name = NameArgument(args, "setVariable");
            var value = args.Length > 1 ? args[1] : JsValue.Undefined;
            System.Text.Json.Nodes.JsonNode? node;
            try
            {
                node = JsonJs.ToJsonNode(value, $"variable '{name}'");
            }
            catch (ExpressionEvaluationException ex)
            {
                throw new JavaScriptException(Engine.Intrinsics.TypeError, ex.Message);
            }
            variables.SetVariable(name, node);
            // keep a bare-name binding of the same variable in step, so later reads and the write-back agree
            if (IsRunBinding(name)) Global.FastSetDataProperty(name, value);
            return JsValue.Undefined;
        }, 2));
        execution.FastSetDataProperty("removeVariable", new ClrFunction(Engine, "removeVariable", (thisValue, args) =>
        {
            var name = NameArgument(args, "removeVariable");
            CurrentVariables().RemoveVariable(name);
            if (IsRunBinding(name)) Global.RemoveOwnProperty(name);
            return JsValue.Undefined;
        }, 1));
        return execution;
    }

    /// <summary>A configurable data property on the global object is a binding made by this run (injected or assigned).</summary>
    private bool IsRunBinding(string name)
    {
        var descriptor = Global.GetOwnProperty(name);
        return descriptor != PropertyDescriptor.Undefined && descriptor.Configurable && descriptor.IsDataDescriptor();
    }

    private IVariableAccess CurrentVariables() =>
        Variables ?? throw new JavaScriptException(Engine.Intrinsics.TypeError, "execution can only be used while an expression or script runs");

    private string NameArgument(JsValue[] args, string function)
    {
        if (args.Length == 0 || !args[0].IsString())
            throw new JavaScriptException(Engine.Intrinsics.TypeError, $"execution.{function} needs the variable name as a string");
        return args[0].ToString();
    }

    /// <summary>
    /// Jint checks the memory limit between statements, so one built-in call that builds a huge string or array
    /// (<c>'x'.repeat(5e8)</c>) would allocate it all first. The built-ins that size their result from an argument
    /// are wrapped to refuse, before allocating, a result larger than the whole budget.
    /// </summary>
    private void GuardAllocations(long memoryBytes)
    {
        if (memoryBytes <= 0) return;
        var maxChars = memoryBytes / sizeof(char);
        var maxElements = memoryBytes / IntPtr.Size;
        var strings = (ObjectInstance)((ObjectInstance)Global.Get("String")).Get("prototype");
        var arrays = (ObjectInstance)((ObjectInstance)Global.Get("Array")).Get("prototype");
        Guard(strings, "repeat", 1, (self, args) => Length(TypeConverter.ToString(self)) * Number(args, 0) > maxChars, memoryBytes);
        Guard(strings, "padStart", 2, (self, args) => Number(args, 0) > maxChars, memoryBytes);
        Guard(strings, "padEnd", 2, (self, args) => Number(args, 0) > maxChars, memoryBytes);
        Guard(arrays, "join", 1, (self, args) =>
            ArrayLength(self) * Math.Max(1, args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToString(args[0]).Length : 1) > maxChars, memoryBytes);
        Guard(arrays, "fill", 1, (self, args) => ArrayLength(self) > maxElements, memoryBytes);

        static double Length(string text) => text.Length;
        static double Number(JsValue[] args, int index) => args.Length > index ? TypeConverter.ToNumber(args[index]) : 0;
        static double ArrayLength(JsValue self) => self is ObjectInstance o ? TypeConverter.ToNumber(o.Get("length")) : 0;
    }

    private void Guard(ObjectInstance target, string name, int length, Func<JsValue, JsValue[], bool> tooLarge, long memoryBytes)
    {
        var original = target.Get(name);
        var guarded = new ClrFunction(Engine, name, (thisValue, args) =>
        {
            if (tooLarge(thisValue, args))
                throw new MemoryLimitExceededException($"{name} would allocate more than the {memoryBytes / (1024 * 1024)} MB an evaluation may use");
            return Engine.Call(original, thisValue, args);
        }, length);
        target.DefineOwnProperty(name, new PropertyDescriptor(guarded, writable: true, enumerable: false, configurable: true));
    }

    /// <summary>
    /// Freezes every object reachable from the global object (built-in constructors and prototypes, Math, JSON,
    /// execution, host globals) and makes the global bindings read-only, so one run cannot change what the next run
    /// sees (<c>Array.prototype.includes = ...</c>, <c>Math = ...</c>). The global object itself stays extensible:
    /// variables are bound on it for each run.
    /// </summary>
    private void Harden()
    {
        var freeze = Engine.Intrinsics.Object.Get("freeze");
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { Global };
        var pending = new Stack<ObjectInstance>();

        foreach (var key in Global.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            var descriptor = Global.GetOwnProperty(key);
            if (descriptor == PropertyDescriptor.Undefined) continue;
            Push(descriptor, seen, pending);
            if (descriptor.IsDataDescriptor() && (descriptor.Writable || descriptor.Configurable))
                Global.DefineOwnProperty(key, new PropertyDescriptor(descriptor.Value, writable: false, enumerable: descriptor.Enumerable, configurable: false));
        }
        if (Global.Prototype is { } globalPrototype && seen.Add(globalPrototype)) pending.Push(globalPrototype);

        while (pending.Count > 0)
        {
            var target = pending.Pop();
            Engine.Call(freeze, new JsValue[] { target });
            foreach (var key in target.GetOwnPropertyKeys(Types.String | Types.Symbol))
            {
                var descriptor = target.GetOwnProperty(key);
                if (descriptor != PropertyDescriptor.Undefined) Push(descriptor, seen, pending);
            }
            if (target.Prototype is { } prototype && seen.Add(prototype)) pending.Push(prototype);
        }
    }

    private static void Push(PropertyDescriptor descriptor, HashSet<ObjectInstance> seen, Stack<ObjectInstance> pending)
    {
        if (descriptor.IsDataDescriptor())
        {
            if (descriptor.Value is ObjectInstance value && seen.Add(value)) pending.Push(value);
            return;
        }
        if (descriptor.Get is ObjectInstance getter && seen.Add(getter)) pending.Push(getter);
        if (descriptor.Set is ObjectInstance setter && seen.Add(setter)) pending.Push(setter);
    }
}
