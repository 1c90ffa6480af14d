using System.Text.Json.Nodes;
using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Tests.Expressions;

/// <summary>Evaluating conditions, values and scripts against process variables.</summary>
public sealed class ExpressionEvaluatorTests
{
    private static readonly ExpressionEvaluator Evaluator = new(ExpressionLimits.Default);

    private static CompiledExpression Expr(string source) => ExpressionCompiler.Compile(source, ExpressionKind.Expression);

    private static CompiledExpression Script(string source) => ExpressionCompiler.Compile(source, ExpressionKind.Script);

    [Theory]
    [InlineData(25, true)]
    [InlineData(10, false)]
    [InlineData(-3, false)]
    public void EvaluateCondition_ComparesVariable_WhenWrappedInDollarBraces(int amount, bool expected)
    {
        var condition = Expr("${amount > 10}");

        Assert.Equal(expected, Evaluator.EvaluateCondition(condition, new VariableBag(new { amount, customer = "ACME", urgent = false })));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("''", false)]
    [InlineData("null", false)]
    [InlineData("undefined", false)]
    [InlineData("'no'", true)]
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    public void EvaluateCondition_UsesJavaScriptTruthiness_WhenValueIsNotBoolean(string value, bool expected)
    {
        Assert.Equal(expected, Evaluator.EvaluateCondition(Expr("${" + value + "}"), new VariableBag()));
    }

    [Fact]
    public void EvaluateCondition_SeesUpdatedValue_WhenSameCompiledExpressionRunsWithOtherVariables()
    {
        var condition = Expr("approved === true && score >= 7");

        Assert.True(Evaluator.EvaluateCondition(condition, new VariableBag(new { approved = true, score = 9 })));
        Assert.False(Evaluator.EvaluateCondition(condition, new VariableBag(new { approved = true, score = 3 })));
        Assert.False(Evaluator.EvaluateCondition(condition, new VariableBag(new { approved = false, score = 9 })));
    }

    [Fact]
    public void Evaluate_ReturnsIntegralNumbersAsLongs_SoJsonStaysTidy()
    {
        var result = Evaluator.Evaluate(Expr("price * 2"), new VariableBag(new { price = 21 }));

        Assert.Equal("42", result!.ToJsonString());
        Assert.Equal(42L, result.GetValue<long>());
        Assert.Equal("0.5", Evaluator.Evaluate(Expr("1 / 2"), new VariableBag())!.ToJsonString());
    }

    [Fact]
    public void Evaluate_RoundTripsNestedObjectsAndArrays_ThroughJsonNode()
    {
        var variables = VariableBag.FromJson("""
            {"order": {"id": "A-1", "lines": [{"sku": "x", "qty": 2, "price": 1.5}, {"sku": "y", "qty": 1, "price": 10}],
                       "customer": {"name": "Ana", "vip": true, "note": null}}}
            """);

        var result = Evaluator.Evaluate(
            Expr("({ id: order.id, total: order.lines.reduce((s, l) => s + l.qty * l.price, 0), skus: order.lines.map(l => l.sku), customer: order.customer, missing: undefined })"),
            variables);

        Assert.Equal("""{"id":"A-1","total":13,"skus":["x","y"],"customer":{"name":"Ana","vip":true,"note":null}}""", result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_ReturnsDateAsIsoString()
    {
        var result = Evaluator.Evaluate(Expr("new Date(Date.UTC(2025, 6, 1, 8, 30))"), new VariableBag());

        Assert.Equal("2025-07-01T08:30:00.000Z", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ReturnsNull_WhenValueIsUndefined()
    {
        Assert.Null(Evaluator.Evaluate(Expr("customer.middleName"), new VariableBag(new { customer = new { name = "Ana" } })));
    }

    [Fact]
    public void Evaluate_ThrowsNamingTheVariable_WhenNameIsNotDefined()
    {
        var ex = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate(Expr("${amount > 10}"), new VariableBag(new { total = 3 })));

        Assert.Equal(ExpressionFailure.ScriptError, ex.Failure);
        Assert.False(ex.IsTimeout);
        Assert.Contains("'amount' is not defined", ex.Message);
        Assert.StartsWith("Expression '${amount > 10}' failed", ex.Message);
    }

    [Fact]
    public void Evaluate_ReportsTypeError_WhenReadingMemberOfNull()
    {
        var ex = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate(Expr("customer.address.city"), new VariableBag(new { customer = new { address = (string?)null } })));

        Assert.Contains("TypeError", ex.Message);
        Assert.Contains("city", ex.Message);
    }

    [Fact]
    public void Evaluate_RefusesClearly_WhenResultIsAFunction()
    {
        var ex = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate(Expr("({ run: () => 1 })"), new VariableBag()));

        Assert.Equal(ExpressionFailure.InvalidValue, ex.Failure);
        Assert.Contains("function", ex.Message);
        Assert.Contains("the result.run", ex.Message);
    }

    [Fact]
    public void Evaluate_DoesNotLeakVariables_IntoNextEvaluationOnSameThread()
    {
        Assert.Equal(5L, Evaluator.Evaluate(Expr("secret"), new VariableBag(new { secret = 5 }))!.GetValue<long>());

        var ex = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate(Expr("secret"), new VariableBag()));
        Assert.Contains("'secret' is not defined", ex.Message);
        Assert.Equal("undefined", Evaluator.Evaluate(Expr("typeof secret"), new VariableBag())!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_DoesNotLetExpressionCreateGlobals_ForLaterEvaluations()
    {
        Evaluator.Evaluate(Expr("globalThis.leak = 42"), new VariableBag());

        Assert.Equal("undefined", Evaluator.Evaluate(Expr("typeof leak"), new VariableBag())!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_KeepsVariableCopiesIsolated_WhenExpressionMutatesThem()
    {
        var variables = VariableBag.FromJson("""{"list": [1, 2]}""");

        Evaluator.Evaluate(Expr("list.push(3)"), variables);

        Assert.Equal("[1,2]", variables.Json("list"));
        Assert.Empty(variables.Writes);
    }

    [Fact]
    public void Evaluate_ReusesValue_WhenExpressionIsConstant()
    {
        var constant = Expr("${ {a: [1, 2]} }");

        var first = Evaluator.Evaluate(constant, new VariableBag());
        var second = Evaluator.Evaluate(constant, new VariableBag());

        Assert.Equal("""{"a":[1,2]}""", second!.ToJsonString());
        Assert.NotSame(first, second); // every caller gets a node it may attach anywhere
        Assert.True(Evaluator.EvaluateCondition(Expr("${true}"), new VariableBag()));
    }

    [Fact]
    public void RunScript_WritesBackAssignedNames_IncludingCompoundAssignment()
    {
        var variables = new VariableBag(new { v = 1, total = 0, untouched = "same" });

        var result = Evaluator.RunScript(Script("v += 1;\nx = 5;\ntotal = v * x;\nuntouched.length;"), variables);

        Assert.Equal(4L, result!.GetValue<long>());
        Assert.Equal("2", variables.Json("v"));
        Assert.Equal("5", variables.Json("x"));
        Assert.Equal("10", variables.Json("total"));
        Assert.DoesNotContain("untouched", variables.Writes);
    }

    [Fact]
    public void RunScript_SavesTopLevelDeclarations_ButNotHelperFunctions()
    {
        var variables = new VariableBag(new { amount = 120 });

        Evaluator.RunScript(Script("""
            function fee(a) { return a > 100 ? 5 : 0; }
            var helper = (a) => a * 2;
            let decision = fee(amount) > 0 ? 'charge' : 'free';
            const limits = { max: helper(amount) };
            """), variables);

        Assert.Equal("\"charge\"", variables.Json("decision"));
        Assert.Equal("""{"max":240}""", variables.Json("limits"));
        Assert.False(variables.Contains("helper"));
        Assert.False(variables.Contains("fee"));
    }

    [Fact]
    public void RunScript_CanRunTwice_WhenScriptDeclaresTopLevelLet()
    {
        var script = Script("let n = start + 1; n");

        Assert.Equal(2L, Evaluator.RunScript(script, new VariableBag(new { start = 1 }))!.GetValue<long>());
        Assert.Equal(8L, Evaluator.RunScript(script, new VariableBag(new { start = 7 }))!.GetValue<long>());
    }

    [Fact]
    public void RunScript_SavesInPlaceChanges_OfObjectAndArrayVariables()
    {
        var variables = VariableBag.FromJson("""{"order": {"items": ["a"], "status": "new"}, "tags": []}""");

        Evaluator.RunScript(Script("order.items.push('b'); order.status = 'checked'; tags.length"), variables);

        Assert.Equal("""{"items":["a","b"],"status":"checked"}""", variables.Json("order"));
        Assert.DoesNotContain("tags", variables.Writes);
    }

    [Fact]
    public void RunScript_UsesExecutionObject_ForCamundaStyleVariableAccess()
    {
        var variables = new VariableBag(new { amount = 50, old = "x" });

        var result = Evaluator.RunScript(Script("""
            execution.setVariable('discount', execution.getVariable('amount') * 0.1);
            execution.setVariable('invoice', { lines: [1, 2], paid: false });
            execution.removeVariable('old');
            [execution.hasVariable('amount'), execution.hasVariable('old'), execution.getVariable('nothing')]
            """), variables);

        Assert.Equal("[true,false,null]", result!.ToJsonString());
        Assert.Equal("5", variables.Json("discount"));
        Assert.Equal("""{"lines":[1,2],"paid":false}""", variables.Json("invoice"));
        Assert.False(variables.Contains("old"));
        Assert.Contains("old", variables.Removals);
    }

    [Fact]
    public void RunScript_KeepsBareNameInStep_WhenExecutionSetsSameVariable()
    {
        var variables = new VariableBag(new { count = 1 });

        var result = Evaluator.RunScript(Script("count = count + 1; execution.setVariable('count', 10); count"), variables);

        Assert.Equal(10L, result!.GetValue<long>());
        Assert.Equal("10", variables.Json("count"));
    }

    [Fact]
    public void RunScript_RemovesVariable_WhenScriptDeletesIt()
    {
        var variables = new VariableBag(new { temp = "scratch", keep = 1 });

        Evaluator.RunScript(Script("delete temp; keep = keep + 1;"), variables);

        Assert.False(variables.Contains("temp"));
        Assert.Equal("2", variables.Json("keep"));
    }

    [Fact]
    public void RunScript_LeavesVariableAlone_WhenConditionalAssignmentDoesNotRun()
    {
        var variables = new VariableBag(new { flag = "kept" });

        Evaluator.RunScript(Script("if (false) { flag = 'changed'; }"), variables);

        Assert.Equal("\"kept\"", variables.Json("flag"));
        Assert.Empty(variables.Removals);
    }

    [Fact]
    public void RunScript_WritesNothingBack_WhenScriptFails()
    {
        var variables = new VariableBag(new { v = 1 });

        var ex = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.RunScript(Script("v = 2;\nthrow new Error('stock not available');"), variables));

        Assert.Equal("1", variables.Json("v"));
        Assert.Contains("Error: stock not available", ex.Message);
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void RunScript_DoesNotLeakGlobals_IntoNextScriptOnSameThread()
    {
        Evaluator.RunScript(Script("var leftover = 1; created = 2;"), new VariableBag());

        var result = Evaluator.RunScript(Script("[typeof leftover, typeof created]"), new VariableBag());

        Assert.Equal("""["undefined","undefined"]""", result!.ToJsonString());
    }

    [Fact]
    public void RunScript_RefusesToStoreFunction_AndWritesNothing_WhenAssignedToUndeclaredName()
    {
        var variables = new VariableBag();

        var ex = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.RunScript(Script("total = 5;\ncallback = function () {};\n1"), variables));

        Assert.Equal(ExpressionFailure.InvalidValue, ex.Failure);
        Assert.Contains("variable 'callback'", ex.Message);
        Assert.False(variables.Contains("callback"));
        Assert.False(variables.Contains("total"));
    }

    [Fact]
    public void RunScript_ConvertsVariableTypes_BothWays()
    {
        var variables = VariableBag.FromJson("""{"n": 2.5, "big": 9007199254740991, "s": "t", "b": true, "z": null, "arr": [1, "a", null, {"k": [true]}]}""");

        var result = Evaluator.RunScript(Script("copy = [n * 2, big, s + '!', !b, z, arr]; copy"), variables);

        Assert.Equal("""[5,9007199254740991,"t!",false,null,[1,"a",null,{"k":[true]}]]""", result!.ToJsonString());
        Assert.Equal(result.ToJsonString(), variables.Json("copy"));
    }
}
