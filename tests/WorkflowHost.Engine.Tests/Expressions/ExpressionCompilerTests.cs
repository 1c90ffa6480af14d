using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Tests.Expressions;

/// <summary>Compiling BPMN expression text: wrappers, name analysis, and compile errors a process owner can act on.</summary>
public sealed class ExpressionCompilerTests
{
    [Theory]
    [InlineData("${amount > 10}")]
    [InlineData("#{amount > 10}")]
    [InlineData("  ${ amount > 10 }\n")]
    [InlineData("amount > 10")]
    public void Compile_StripsCamundaWrapper_WhenTextIsWrapped(string source)
    {
        var compiled = ExpressionCompiler.Compile(source, ExpressionKind.Expression);

        Assert.Equal(source, compiled.Source);
        Assert.Equal(ExpressionKind.Expression, compiled.Kind);
        Assert.Equal(["amount"], compiled.ReferencedNames);
    }

    [Fact]
    public void Compile_ListsFreeNamesOnly_WhenExpressionUsesBuiltInsLocalsAndMembers()
    {
        var compiled = ExpressionCompiler.Compile(
            "${ items.filter(i => i.price > limit).map(function (x) { var t = x.total; return t * Math.max(rate, 1); }).length > 0 && customer.name !== undefined && JSON.stringify(tags) }",
            ExpressionKind.Expression);

        Assert.Equal(["items", "limit", "rate", "customer", "tags"], compiled.ReferencedNames);
        Assert.Empty(compiled.AssignedNames);
    }

    [Theory]
    [InlineData("({ limit, [key]: value.x, y: 1 })", "limit,key,value")]
    [InlineData("a?.b?.[c] ?? `${d} ${e.f}`", "a,c,d,e")]
    [InlineData("new Intl.NumberFormat('de').format(n)", "n")]
    [InlineData("typeof maybe === 'undefined'", "maybe")]
    [InlineData("[1, 2].map(([x, y = fallback], ...rest) => x + y + rest.length + z)", "fallback,z")]
    public void Compile_FindsReferencedNames_InShorthandsChainsTemplatesAndPatterns(string source, string expected)
    {
        Assert.Equal(expected.Split(','), ExpressionCompiler.Compile(source, ExpressionKind.Expression).ReferencedNames);
    }

    [Fact]
    public void Compile_ExcludesExecutionObject_FromReferencedNames()
    {
        var compiled = ExpressionCompiler.Compile("execution.getVariable('a') + b", ExpressionKind.Expression);

        Assert.Equal(["b"], compiled.ReferencedNames);
    }

    [Fact]
    public void Compile_SeparatesReadsFromWrites_WhenScriptAssigns()
    {
        var compiled = ExpressionCompiler.Compile(
            """
            total = price * quantity;
            counter += 1;
            visits++;
            var note = 'checked ' + customer;
            let [first, second] = pair;
            [a, b] = [b, a];
            for (item of items) { seen = item; }
            delete obsolete;
            function helper(x) { var local = x * 2; return local + offset; }
            helper(3);
            """,
            ExpressionKind.Script);

        Assert.Equal(["price", "quantity", "counter", "visits", "customer", "pair", "b", "a", "items", "item", "offset"], compiled.ReferencedNames);
        Assert.Equal(
            ["note", "first", "second", "total", "counter", "visits", "a", "b", "item", "seen", "obsolete"],
            compiled.AssignedNames);
    }

    [Fact]
    public void Compile_TreatsShadowedNamesAsLocal_WhenDeclaredInNestedScopes()
    {
        var compiled = ExpressionCompiler.Compile(
            """
            function f(amount) { return amount; }
            var g = (limit) => { let inner = limit; { const deep = inner; } return inner; };
            try { risky(); } catch (err) { log = err; }
            class Box { constructor(v) { this.v = v; } get size() { return width; } }
            for (let i = 0; i < n; i++) { sum = (sum || 0) + i; }
            f(1) + g(2) + amount;
            """,
            ExpressionKind.Script);

        Assert.Equal(["risky", "width", "n", "sum", "amount"], compiled.ReferencedNames);
        Assert.Equal(["g", "log", "sum"], compiled.AssignedNames);
    }

    [Fact]
    public void Compile_ReportsLineAndColumn_WhenScriptHasSyntaxError()
    {
        var ex = Assert.Throws<ExpressionCompileException>(() =>
            ExpressionCompiler.Compile("var x = 1;\nvar y = = 2;", ExpressionKind.Script));

        Assert.Equal(2, ex.Line);
        Assert.Equal(9, ex.Column);
        Assert.Contains("line 2, column 9", ex.Message);
        Assert.StartsWith("The script 'var x = 1; var y = = 2;' does not compile: ", ex.Message);
    }

    [Fact]
    public void Compile_ReportsColumnInTextAsWritten_WhenWrappedExpressionHasSyntaxError()
    {
        // the ')' is the 13th character of the text as written, wrapper included
        var ok = ExpressionCompiler.TryCompile("${amount > 1)}", ExpressionKind.Expression, out var compiled, out var error);

        Assert.False(ok);
        Assert.Null(compiled);
        Assert.Equal("Unexpected token ')' at line 1, column 13", error);
    }

    [Theory]
    [InlineData("a > 1; b")]
    [InlineData("a) || (b")]
    [InlineData("var x = 1")]
    public void Compile_Refuses_WhenExpressionIsNotASingleExpression(string source)
    {
        Assert.Throws<ExpressionCompileException>(() => ExpressionCompiler.Compile(source, ExpressionKind.Expression));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("${ }")]
    public void Compile_Refuses_WhenTextIsEmpty(string source)
    {
        var ex = Assert.Throws<ExpressionCompileException>(() => ExpressionCompiler.Compile(source, ExpressionKind.Expression));
        Assert.Equal("The expression is empty.", ex.Message);
    }

    [Fact]
    public void Compile_AcceptsTrailingLineComment_InExpression()
    {
        var compiled = ExpressionCompiler.Compile("${amount > 10 // big orders}", ExpressionKind.Expression);

        Assert.Equal(["amount"], compiled.ReferencedNames);
    }

    [Theory]
    [InlineData("${true}", true)]
    [InlineData("1 + 2 * 3", true)]
    [InlineData("['a', {b: 1}]", true)]
    [InlineData("amount > 1", false)]
    [InlineData("Math.random()", false)]
    [InlineData("/a+/", false)]
    public void Compile_MarksConstant_OnlyWhenBuiltFromLiterals(string source, bool constant)
    {
        Assert.Equal(constant, ExpressionCompiler.Compile(source, ExpressionKind.Expression).IsConstant);
    }
}
