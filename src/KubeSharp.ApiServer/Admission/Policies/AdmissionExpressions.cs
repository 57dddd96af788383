using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Admission.Webhooks;
using KubeSharp.ApiServer.Cel;

namespace KubeSharp.ApiServer.Admission.Policies;

/// <summary>
/// The CEL side of admission: compiled programs (cached by expression and variable set) and the
/// variables a request offers them — object, oldObject and request as Kubernetes defines them for
/// webhook matchConditions and ValidatingAdmissionPolicy.
/// </summary>
internal static class AdmissionExpressions
{
    private static readonly ConcurrentDictionary<(string Expression, IReadOnlyCollection<string> Variables), CelProgram> Programs = new();

    /// <summary>The compiled program; throws <see cref="CelCompileException"/>.</summary>
    public static CelProgram Compile(string expression, IReadOnlyCollection<string> variables)
    {
        if (Programs.TryGetValue((expression, variables), out var cached))
        {
            return cached;
        }

        var program = CelEnvironment.Compile(expression, variables);
        if (Programs.Count > 10_000)
        {
            Programs.Clear();
        }

        Programs[(expression, variables)] = program;
        return program;
    }

    /// <summary>The compile error of an expression as a field error's detail ("compilation failed: ERROR: …"), or null when it compiles.</summary>
    public static string? CompileError(string expression, IReadOnlyCollection<string> variables)
    {
        try
        {
            Compile(expression, variables);
            return null;
        }
        catch (CelCompileException e)
        {
            return "compilation failed: " + e.Message;
        }
    }

    /// <summary>object, oldObject and request of a request (JSON as the request's version shows them).</summary>
    public static Dictionary<string, object?> Activation(AdmissionAttributes request)
    {
        var definition = request.Definition;
        var user = request.User;
        var requestJson = new JsonObject
        {
            ["kind"] = new JsonObject { ["group"] = definition.Group, ["version"] = definition.Version, ["kind"] = definition.Kind },
            ["resource"] = new JsonObject { ["group"] = definition.Group, ["version"] = definition.Version, ["resource"] = definition.Plural },
            ["subResource"] = request.Subresource ?? "",
            ["name"] = request.Name,
            ["namespace"] = request.Namespace ?? "",
            ["operation"] = request.Operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = user?.Name ?? "",
                ["groups"] = new JsonArray([.. (user?.Groups ?? []).Select(g => (JsonNode?)g)]),
            },
            ["dryRun"] = request.DryRun,
        };
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["object"] = request.Object is { } obj ? JsonSerializer.SerializeToNode(obj, definition.ClrType, Api.KubeJson.Options) : request.ConnectOptions,
            ["oldObject"] = request.OldObject is { } old ? JsonSerializer.SerializeToNode(old, definition.ClrType, Api.KubeJson.Options) : null,
            ["request"] = requestJson,
        };
    }
}
