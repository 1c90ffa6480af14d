using System.Text.Json.Nodes;
using Jint;
using WorkflowHost.Engine.Expressions;

namespace WorkflowHost.Engine.Tests.Expressions;

/// <summary>Conversions between process variables (JSON) and JavaScript values.</summary>
public sealed class JsonJsTests
{
    private static readonly Jint.Engine Js = new();

    private static JsonNode? ToJson(string javaScript) => JsonJs.ToJsonNode(Js.Evaluate(javaScript));

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("-0", "0")]
    [InlineData("2.5", "2.5")]
    [InlineData("1e21", "1E+21")]
    [InlineData("12n", "12")]
    [InlineData("'\u00e9t\u00e9'", "\"\u00e9t\u00e9\"")]
    [InlineData("undefined", "null")]
    [InlineData("[1, , undefined]", "[1,null,null]")]
    [InlineData("({a: undefined, b: null})", """{"b":null}""")]
    [InlineData("new Date(0)", "\"1970-01-01T00:00:00.000Z\"")]
    public void ToJsonNode_ProducesTidyJson_ForPlainValues(string javaScript, string json)
    {
        Assert.Equal(json, ToJson(javaScript)?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null");
    }

    [Fact]
    public void ToJsonNode_StoresIntegralNumbersAsLong()
    {
        var node = ToJson("[3, 3.25]")!.AsArray();

        Assert.True(node[0]!.AsValue().TryGetValue(out long whole));
        Assert.Equal(3L, whole);
        Assert.False(node[1]!.AsValue().TryGetValue(out long _));
    }

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("({ total: 1 / 0 })", "value.total")]
    [InlineData("[function () {}]", "function")]
    [InlineData("Symbol('s')", "symbol")]
    [InlineData("new Map()", "Map")]
    [InlineData("({ get x() { return 1; } })", "getter")]
    [InlineData("new Proxy({}, {})", "Proxy")]
    [InlineData("(() => { const a = {}; a.self = a; return a; })()", "nested deeper than 64")]
    [InlineData("(() => { const a = []; a[5000000] = 1; return a; })()", "longer than")]
    public void ToJsonNode_RefusesWithClearMessage_WhenValueIsNotJson(string javaScript, string expectedText)
    {
        var ex = Assert.Throws<ExpressionEvaluationException>(() => ToJson(javaScript));

        Assert.Equal(ExpressionFailure.InvalidValue, ex.Failure);
        Assert.Contains(expectedText, ex.Message);
    }

    [Fact]
    public void ToJsValue_RoundTripsEveryJsonShape()
    {
        var json = """{"s":"x","i":-7,"d":0.125,"t":true,"f":false,"n":null,"a":[1,[2,{"deep":["z"]}]],"o":{"__proto__":1}}""";

        var roundTripped = JsonJs.ToJsonNode(JsonJs.ToJsValue(Js, JsonNode.Parse(json)));

        Assert.Equal(json, roundTripped!.ToJsonString());
    }

    [Fact]
    public void ToJsValue_ReadsClrBackedJsonValues()
    {
        var node = new JsonObject { ["int"] = 5, ["dec"] = 1.5m, ["date"] = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), ["guid"] = Guid.Empty };

        Js.SetValue("v", JsonJs.ToJsValue(Js, node));

        Assert.Equal("5|1.5|2025-07-01T00:00:00Z|00000000-0000-0000-0000-000000000000", Js.Evaluate("[v.int, v.dec, v.date, v.guid].join('|')").ToString());
    }
}
