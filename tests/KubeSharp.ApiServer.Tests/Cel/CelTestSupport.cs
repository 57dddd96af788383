using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Cel;

namespace KubeSharp.ApiServer.Tests.Cel;

internal static class CelTestSupport
{
    public static readonly string[] AllVariables =
        ["object", "oldObject", "request", "params", "namespaceObject", "authorizer", "variables", "self", "oldSelf"];

    public static object? Eval(string expression, IReadOnlyDictionary<string, object?>? activation = null) =>
        CelEnvironment.Compile(expression, AllVariables).Evaluate(activation ?? new Dictionary<string, object?>());

    public static object? Eval(string expression, string variable, string json) =>
        Eval(expression, new Dictionary<string, object?> { [variable] = JsonNode.Parse(json) });

    public static string EvalError(string expression, IReadOnlyDictionary<string, object?>? activation = null) =>
        Assert.Throws<CelEvaluationException>(() => Eval(expression, activation)).Message;

    public static string CompileError(string expression) =>
        Assert.Throws<CelCompileException>(() => CelEnvironment.Compile(expression, AllVariables)).Message;
}
