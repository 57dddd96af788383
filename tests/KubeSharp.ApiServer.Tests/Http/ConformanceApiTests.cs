using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>API groups and endpoints the Kubernetes conformance suite exercises through plain API operations.</summary>
public sealed class ConformanceApiTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Named(string apiVersion, string kind, string name) =>
        new() { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["e2e"] = "yes" } } };

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - (s.Length % 4)) % 4));
    }

    [Fact]
    public async Task Service_account_issuer_discovery_publishes_the_issuer_and_a_key_that_verifies_its_tokens()
    {
        await _server.PostAsync("/api/v1/namespaces/default/serviceaccounts", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "oidc" } });
        var request = await _server.PostAsync("/api/v1/namespaces/default/serviceaccounts/oidc/token", new JsonObject { ["spec"] = new JsonObject { ["audiences"] = new JsonArray("oidc-discovery-test") } });
        var token = request["status"]!["token"]!.GetValue<string>();

        var discovery = await _server.GetAsync("/.well-known/openid-configuration");
        var keys = await _server.GetAsync("/openid/v1/jwks");

        var parts = token.Split('.');
        var claims = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        Assert.Equal(claims["iss"]!.GetValue<string>(), discovery["issuer"]!.GetValue<string>());
        Assert.Equal(discovery["issuer"]!.GetValue<string>() + "/openid/v1/jwks", discovery["jwks_uri"]!.GetValue<string>());
        Assert.Contains(discovery["id_token_signing_alg_values_supported"]!.AsArray(), a => a!.GetValue<string>() == "ES256");
        var header = JsonNode.Parse(Base64UrlDecode(parts[0]))!;
        var key = keys["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == header["kid"]!.GetValue<string>())!;
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlDecode(key["x"]!.GetValue<string>()), Y = Base64UrlDecode(key["y"]!.GetValue<string>()) },
        });
        Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task FlowSchemas_and_priority_levels_support_create_get_list_patch_status_and_deletecollection()
    {
        const string Levels = "/apis/flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations";
        const string Schemas = "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas";
        var level = Named("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", "e2e-level");
        level["spec"] = new JsonObject { ["type"] = "Limited", ["limited"] = new JsonObject { ["limitResponse"] = new JsonObject { ["type"] = "Queue", ["queuing"] = new JsonObject() } } };
        var schema = Named("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "e2e-schema");
        schema["spec"] = new JsonObject { ["priorityLevelConfiguration"] = new JsonObject { ["name"] = "e2e-level" } };

        var createdLevel = await _server.PostAsync(Levels, level);
        var createdSchema = await _server.PostAsync(Schemas, schema);
        var status = new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Dangling", ["status"] = "False", ["reason"] = "Found", ["message"] = "e2e", ["lastTransitionTime"] = "2025-01-01T00:00:00Z" }) } };
        var (patchCode, patched) = await _server.SendAsync(HttpMethod.Patch, $"{Schemas}/e2e-schema/status", status, "application/merge-patch+json");
        var listed = await _server.GetAsync($"{Schemas}?labelSelector=e2e%3Dyes");
        var (deleteCode, _) = await _server.SendAsync(HttpMethod.Delete, $"{Levels}?labelSelector=e2e%3Dyes");

        Assert.Equal(30, createdLevel["spec"]!["limited"]!["nominalConcurrencyShares"]!.GetValue<int>());
        Assert.Equal(64, createdLevel["spec"]!["limited"]!["limitResponse"]!["queuing"]!["queues"]!.GetValue<int>());
        Assert.Equal(1000, createdSchema["spec"]!["matchingPrecedence"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, patchCode);
        Assert.Equal("Found", patched["status"]!["conditions"]![0]!["reason"]!.GetValue<string>());
        Assert.Single(listed["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, deleteCode);
        Assert.Empty((await _server.GetAsync(Levels))["items"]!.AsArray());
    }

    [Fact]
    public async Task CSIStorageCapacities_are_namespaced_and_support_the_api_operations()
    {
        const string Capacities = "/apis/storage.k8s.io/v1/namespaces/default/csistoragecapacities";
        var capacity = Named("storage.k8s.io/v1", "CSIStorageCapacity", "e2e-capacity");
        capacity["storageClassName"] = "e2e-class";
        capacity["capacity"] = "1Gi";

        await _server.PostAsync(Capacities, capacity);
        var (patchCode, patched) = await _server.SendAsync(HttpMethod.Patch, $"{Capacities}/e2e-capacity", new JsonObject { ["maximumVolumeSize"] = "512Mi" }, "application/merge-patch+json");
        var all = await _server.GetAsync("/apis/storage.k8s.io/v1/csistoragecapacities");
        var (deleteCode, _) = await _server.SendAsync(HttpMethod.Delete, $"{Capacities}/e2e-capacity");

        Assert.Equal(HttpStatusCode.OK, patchCode);
        Assert.Equal("512Mi", patched["maximumVolumeSize"]!.GetValue<string>());
        Assert.Single(all["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, deleteCode);
    }

    [Fact]
    public async Task Admission_configuration_kinds_are_served_with_their_defaults()
    {
        const string Group = "/apis/admissionregistration.k8s.io/v1";
        var webhooks = Named("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "e2e-webhooks");
        webhooks["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = "deny.e2e.example.com",
            ["clientConfig"] = new JsonObject { ["service"] = new JsonObject { ["namespace"] = "default", ["name"] = "webhook" } },
            ["rules"] = new JsonArray(new JsonObject { ["operations"] = new JsonArray("CREATE"), ["apiGroups"] = new JsonArray(""), ["apiVersions"] = new JsonArray("v1"), ["resources"] = new JsonArray("configmaps") }),
            ["sideEffects"] = "None",
            ["admissionReviewVersions"] = new JsonArray("v1"),
        });
        var policy = Named("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "e2e-policy");
        policy["spec"] = new JsonObject
        {
            ["matchConstraints"] = new JsonObject { ["resourceRules"] = new JsonArray(new JsonObject { ["operations"] = new JsonArray("CREATE"), ["apiGroups"] = new JsonArray("apps"), ["apiVersions"] = new JsonArray("v1"), ["resources"] = new JsonArray("deployments") }) },
            ["validations"] = new JsonArray(new JsonObject { ["expression"] = "object.spec.replicas <= 5" }),
        };
        var binding = Named("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "e2e-binding");
        binding["spec"] = new JsonObject { ["policyName"] = "e2e-policy", ["validationActions"] = new JsonArray("Deny") };

        var createdWebhooks = await _server.PostAsync($"{Group}/validatingwebhookconfigurations", webhooks);
        await _server.PostAsync($"{Group}/mutatingwebhookconfigurations", Named("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "e2e-mutating"));
        var createdPolicy = await _server.PostAsync($"{Group}/validatingadmissionpolicies", policy);
        await _server.PostAsync($"{Group}/validatingadmissionpolicybindings", binding);
        var (statusCode, withStatus) = await _server.SendAsync(HttpMethod.Patch, $"{Group}/validatingadmissionpolicies/e2e-policy/status", new JsonObject { ["status"] = new JsonObject { ["observedGeneration"] = 1 } }, "application/merge-patch+json");
        var resources = (await _server.GetAsync(Group))["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();

        var webhook = createdWebhooks["webhooks"]![0]!;
        Assert.Equal(1, createdWebhooks["metadata"]!["generation"]!.GetValue<int>());
        Assert.Equal("Fail", webhook["failurePolicy"]!.GetValue<string>());
        Assert.Equal(10, webhook["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal(443, webhook["clientConfig"]!["service"]!["port"]!.GetValue<int>());
        Assert.Equal("*", webhook["rules"]![0]!["scope"]!.GetValue<string>());
        Assert.Equal("Equivalent", createdPolicy["spec"]!["matchConstraints"]!["matchPolicy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, statusCode);
        Assert.Equal(1, withStatus["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Equal(
            ["mutatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicies/status", "validatingadmissionpolicybindings", "validatingwebhookconfigurations"],
            resources.Order(StringComparer.Ordinal));
    }
}
