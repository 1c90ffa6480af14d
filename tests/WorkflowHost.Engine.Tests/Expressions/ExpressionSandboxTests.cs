using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Tests.Expressions;

/// <summary>The sandbox: limits stop runaway code, nothing of the CLR is reachable, runs cannot affect each other.</summary>
public sealed class ExpressionSandboxTests
{
    private static CompiledExpression Expr(string source) => ExpressionCompiler.Compile(source, ExpressionKind.Expression);

    private static CompiledExpression Script(string source) => ExpressionCompiler.Compile(source, ExpressionKind.Script);

    [Fact]
    public void RunScript_TimesOutWithinTwiceTheLimit_AndEngineStillWorksAfterwards()
    {
        // statements unlimited so that only the clock can stop the loop
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = 0 });
        evaluator.EvaluateCondition(Expr("warm > 0"), new VariableBag(new { warm = 1 }));

        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.RunScript(Script("while(true){}"), new VariableBag()));
        watch.Stop();

        Assert.True(ex.IsTimeout);
        Assert.Equal("Script 'while(true){}' took longer than 250 ms and was stopped.", ex.Message);
        // Lower bound: the limit really is the time limit; upper bound generous for a loaded 2-core CI machine.
        Assert.InRange(watch.ElapsedMilliseconds, 200, 5000);
        Assert.True(evaluator.EvaluateCondition(Expr("amount > 10"), new VariableBag(new { amount = 11 })));
        Assert.Equal(3L, evaluator.RunScript(Script("x = 1 + 2"), new VariableBag())!.GetValue<long>());
    }

    [Fact]
    public void RunScript_StopsAtStatementLimit_WhenLoopNeverEnds()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = 1_000, Timeout = TimeSpan.FromSeconds(30) });

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.RunScript(Script("for (;;) { }"), new VariableBag()));

        Assert.Equal(ExpressionFailure.StatementLimit, ex.Failure);
        Assert.False(ex.IsTimeout);
        Assert.True(ex.IsLimitExceeded);
        Assert.Contains("more than 1,000 statements", ex.Message);
        Assert.Equal(45L, evaluator.RunScript(Script("var s = 0; for (var i = 0; i < 10; i++) s += i; s"), new VariableBag())!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_StopsWithDefaultLimits_WhenExpressionLoopsForever()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);

        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate(Expr("(() => { while (true) {} })()"), new VariableBag()));

        Assert.True(ex.IsTimeout || ex.Failure == ExpressionFailure.StatementLimit);
        // Generous bound: this checks that the sandbox stops the loop, not how fast a busy 2-core CI machine is.
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void RunScript_StopsAtRecursionLimit_AndEngineStillWorksAfterwards()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.RunScript(Script("function f(){return f()} f()"), new VariableBag()));

        Assert.Equal(ExpressionFailure.RecursionLimit, ex.Failure);
        Assert.Contains("more than 64 levels deep", ex.Message);
        Assert.Equal(120L, evaluator.RunScript(Script("function fact(n){ return n <= 1 ? 1 : n * fact(n - 1) } fact(5)"), new VariableBag())!.GetValue<long>());
    }

    [Fact]
    public void RunScript_StopsAtMemoryLimit_WhenScriptHoardsStrings()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(30), MaxStatements = 0 });

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.RunScript(Script("var a=[]; while(true) a.push('xxxxxxxxxx')"), new VariableBag()));

        Assert.Equal(ExpressionFailure.MemoryLimit, ex.Failure);
        Assert.Contains("allocated more than 16 MB", ex.Message);
        Assert.True(evaluator.EvaluateCondition(Expr("[1, 2].includes(2)"), new VariableBag()));
    }

    [Theory]
    [InlineData("'x'.repeat(5e8)")]
    [InlineData("'abc'.repeat(1e4).repeat(1e4)")]
    [InlineData("''.padEnd(5e8, 'x')")]
    [InlineData("'x'.padStart(2e8)")]
    [InlineData("new Array(3e8).join('xy')")]
    [InlineData("new Array(3e8).fill(0)")]
    public void Evaluate_StopsAtMemoryLimitWithLowPeak_WhenOneCallAllocatesHugely(string source)
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(30) });
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate(Expr(source), new VariableBag()));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ExpressionFailure.MemoryLimit, ex.Failure);
        Assert.True(allocated < 64L * 1024 * 1024, $"{source} allocated {allocated / (1024 * 1024)} MB before it was stopped");
        Assert.Equal("xxx", evaluator.Evaluate(Expr("'x'.repeat(3)"), new VariableBag())!.GetValue<string>());
        Assert.Equal("a-b", evaluator.Evaluate(Expr("['a', 'b'].join('-')"), new VariableBag())!.GetValue<string>());
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof clrHelper")]
    [InlineData("typeof require")]
    [InlineData("typeof fetch")]
    public void Evaluate_FindsNoClrOrHostEscape_WhenLookingForIt(string probe)
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);

        Assert.Equal("undefined", evaluator.Evaluate(Expr(probe), new VariableBag())!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_FailsOnClrNamespace_WhenScriptTriesFileAccess()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate(Expr("System.IO.File.ReadAllText('/etc/passwd')"), new VariableBag()));

        Assert.Contains("'System' is not defined", ex.Message);
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("Function('return 1')()")]
    [InlineData("(function(){}).constructor('return globalThis')()")]
    public void Evaluate_RefusesStringCompilation(string source)
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate(Expr(source), new VariableBag()));

        Assert.Equal(ExpressionFailure.ScriptError, ex.Failure);
    }

    [Fact]
    public void RunScript_CannotTamperWithBuiltIns_ForLaterEvaluations()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);

        evaluator.RunScript(Script("""
            Array.prototype.includes = function () { return true; };
            Math = { max: function () { return 0; } };
            Object.prototype.injected = 1;
            JSON.stringify = null;
            """), new VariableBag());

        Assert.False(evaluator.EvaluateCondition(Expr("[1, 2].includes(3)"), new VariableBag()));
        Assert.Equal(3L, evaluator.Evaluate(Expr("Math.max(1, 3)"), new VariableBag())!.GetValue<long>());
        Assert.Equal("undefined", evaluator.Evaluate(Expr("typeof ({}).injected"), new VariableBag())!.GetValue<string>());
        Assert.Equal("\"[1]\"", evaluator.Evaluate(Expr("JSON.stringify([1])"), new VariableBag())!.ToJsonString());
    }

    [Fact]
    public void EvaluateCondition_GivesRightAnswers_WhenThousandEvaluationsRunInParallel()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default);
        var condition = Expr("${amount > limit && customer.startsWith('C')}");
        var value = Expr("amount * 2 + limit");
        var wrong = new ConcurrentBag<int>();

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var variables = new VariableBag(new { amount = i, limit = 500, customer = i % 2 == 0 ? "C" + i : "D" + i });
            var expected = i > 500 && i % 2 == 0;
            if (evaluator.EvaluateCondition(condition, variables) != expected) wrong.Add(i);
            if (evaluator.Evaluate(value, variables)!.GetValue<long>() != i * 2 + 500) wrong.Add(-i);
        });

        Assert.Empty(wrong);
    }

    [Fact]
    public void RunScript_CallsHostGlobals_WhenNestedInDictionaries()
    {
        var logged = new List<string>();
        var globals = new Dictionary<string, object>
        {
            ["environment"] = new Dictionary<string, object>
            {
                ["services"] = new Dictionary<string, object>
                {
                    ["log"] = new Action<string>(logged.Add),
                    ["workingDaysBetween"] = new Func<string, string, int>((from, to) => (DateTime.Parse(to) - DateTime.Parse(from)).Days),
                    ["lookup"] = new Func<string, JsonNode?>(key => new JsonObject { ["unit"] = "WARD-" + key }),
                },
                ["settings"] = JsonNode.Parse("""{"threshold": 100}""")!,
                ["region"] = "north",
            },
        };
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default, globals);

        var result = evaluator.RunScript(Script("""
            environment.services.log('checking ' + amount);
            var unit = environment.services.lookup('7').unit;
            [amount > environment.settings.threshold, environment.services.workingDaysBetween('2025-01-01', '2025-01-11'), unit, environment.region]
            """), new VariableBag(new { amount = 150 }));

        Assert.Equal("""[true,10,"WARD-7","north"]""", result!.ToJsonString());
        Assert.Equal(["checking 150"], logged);
    }

    [Fact]
    public void Evaluate_ReportsHostFunctionFailure_AsEvaluationError()
    {
        var globals = new Dictionary<string, object> { ["fail"] = new Func<string>(() => throw new InvalidOperationException("registry offline")) };
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default, globals);

        var ex = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate(Expr("fail()"), new VariableBag()));

        Assert.Contains("registry offline", ex.Message);
    }

    [Fact]
    public void Evaluate_Works_WhenHostFunctionEvaluatesAnotherExpressionOnSameThread()
    {
        ExpressionEvaluator? evaluator = null;
        var inner = Expr("base * 10");
        var globals = new Dictionary<string, object>
        {
            ["scaled"] = new Func<double, JsonNode?>(b => evaluator!.Evaluate(inner, new VariableBag(new { @base = b }))),
        };
        evaluator = new ExpressionEvaluator(ExpressionLimits.Default, globals);

        var result = evaluator.Evaluate(Expr("scaled(amount) + amount"), new VariableBag(new { amount = 4 }));

        Assert.Equal(44L, result!.GetValue<long>());
        Assert.True(evaluator.EvaluateCondition(Expr("amount === 4"), new VariableBag(new { amount = 4 })));
    }

    [Fact]
    public void Evaluate_CannotReplaceHostGlobals_ForLaterEvaluations()
    {
        var globals = new Dictionary<string, object> { ["config"] = new Dictionary<string, object> { ["limit"] = 5 } };
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default, globals);

        evaluator.RunScript(Script("config.limit = 1000; config = { limit: 1 };"), new VariableBag());

        Assert.Equal(5L, evaluator.Evaluate(Expr("config.limit"), new VariableBag())!.GetValue<long>());
    }

    [Fact]
    public void Constructor_Refuses_WhenHostGlobalIsAClrObject()
    {
        var globals = new Dictionary<string, object> { ["files"] = new FileInfo("/etc/passwd") };

        var ex = Assert.Throws<ArgumentException>(() => new ExpressionEvaluator(ExpressionLimits.Default, globals));

        Assert.Contains("'files'", ex.Message);
    }

    [Fact]
    public void Constructor_Refuses_WhenHostGlobalShadowsBuiltIn()
    {
        var globals = new Dictionary<string, object> { ["Math"] = "nope" };

        Assert.Throws<ArgumentException>(() => new ExpressionEvaluator(ExpressionLimits.Default, globals));
    }
}
