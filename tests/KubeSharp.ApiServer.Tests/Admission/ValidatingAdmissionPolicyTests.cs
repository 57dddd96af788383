using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.Admission;

/// <summary>ValidatingAdmissionPolicy and its bindings, enforced with CEL, as the conformance suite uses them.</summary>
public sealed class ValidatingAdmissionPolicyTests : IAsyncLifetime
{
    private const string Group = "/apis/admissionregistration.k8s.io/v1";
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Policy(string name, JsonArray validations, JsonArray? variables = null, JsonObject? paramKind = null) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingAdmissionPolicy",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["paramKind"] = paramKind,
            ["matchConstraints"] = new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject
                {
                    ["operations"] = new JsonArray("CREATE", "UPDATE"),
                    ["apiGroups"] = new JsonArray("apps"),
                    ["apiVersions"] = new JsonArray("v1"),
                    ["resources"] = new JsonArray("deployments"),
                }),
            },
            ["variables"] = variables,
            ["validations"] = validations,
        },
    };

    private static JsonObject Binding(string name, string policy, JsonObject? paramRef = null) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingAdmissionPolicyBinding",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["policyName"] = policy, ["validationActions"] = new JsonArray("Deny"), ["paramRef"] = paramRef },
    };

    private static JsonObject Deployment(string name, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
            },
        },
    };

    [Fact]
    public async Task A_bound_policy_refuses_a_deployment_its_expression_rejects_and_admits_others()
    {
        await _server.PostAsync($"{Group}/validatingadmissionpolicies", Policy("replica-limit", new JsonArray(new JsonObject { ["expression"] = "object.spec.replicas <= 5" })));
        await _server.PostAsync($"{Group}/validatingadmissionpolicybindings", Binding("replica-limit-binding", "replica-limit"));

        var (code, status) = await _server.SendAsync(HttpMethod.Post, Deployments, Deployment("big", 6));
        var (small, _) = await _server.SendAsync(HttpMethod.Post, Deployments, Deployment("small", 2));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-binding' denied request: failed expression: object.spec.replicas <= 5", status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, small);
    }

    [Fact]
    public async Task Validations_refer_to_variables_and_parameters_and_report_their_message()
    {
        var variables = new JsonArray(new JsonObject { ["name"] = "replicas", ["expression"] = "object.spec.replicas" });
        var validations = new JsonArray(new JsonObject { ["expression"] = "variables.replicas <= int(params.data.maxReplicas)", ["messageExpression"] = "'at most ' + params.data.maxReplicas + ' replicas'" });
        await _server.PostAsync("/api/v1/namespaces/default/configmaps", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "limits" },
            ["data"] = new JsonObject { ["maxReplicas"] = "3" },
        });
        await _server.PostAsync($"{Group}/validatingadmissionpolicies", Policy("param-limit", validations, variables, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap" }));
        await _server.PostAsync($"{Group}/validatingadmissionpolicybindings", Binding("param-limit-binding", "param-limit", new JsonObject { ["name"] = "limits", ["namespace"] = "default", ["parameterNotFoundAction"] = "Deny" }));

        var (code, status) = await _server.SendAsync(HttpMethod.Post, Deployments, Deployment("four", 4));
        var (three, _) = await _server.SendAsync(HttpMethod.Post, Deployments, Deployment("three", 3));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.EndsWith("denied request: at most 3 replicas", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, three);
    }

    [Fact]
    public async Task A_policy_whose_expression_does_not_compile_is_invalid()
    {
        var (code, status) = await _server.SendAsync(HttpMethod.Post, $"{Group}/validatingadmissionpolicies", Policy("broken", new JsonArray(new JsonObject { ["expression"] = "object.spec.replicas <= " })));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("spec.validations[0].expression: Invalid value: \"object.spec.replicas <= \": compilation failed: ERROR: <input>:1:", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
