using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.Admission.Webhooks;

/// <summary>
/// Mutating and validating admission webhooks against a real API server and a real HTTPS webhook
/// server, following the conformance suite's AdmissionWebhook behaviours.
/// </summary>
public sealed class AdmissionWebhookTests : IAsyncLifetime
{
    private const string Configs = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";
    private const string MutatingConfigs = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations";
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private InProcessServer _server = null!;
    private TestWebhookServer _webhooks = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync();
        _webhooks = await TestWebhookServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _webhooks.DisposeAsync();
        await _server.DisposeAsync();
    }

    private JsonObject Webhook(string name, string path, string[] operations, string resource = "configmaps", string? failurePolicy = null, int? timeoutSeconds = null, JsonObject? namespaceSelector = null, bool trusted = true)
    {
        var hook = new JsonObject
        {
            ["name"] = name,
            ["clientConfig"] = new JsonObject
            {
                ["url"] = _webhooks.Url(path),
                ["caBundle"] = trusted ? Convert.ToBase64String(_webhooks.CaBundle) : null,
            },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["operations"] = new JsonArray([.. operations.Select(o => (JsonNode?)o)]),
                ["apiGroups"] = new JsonArray(""),
                ["apiVersions"] = new JsonArray("v1"),
                ["resources"] = new JsonArray(resource),
            }),
            ["sideEffects"] = "None",
            ["admissionReviewVersions"] = new JsonArray("v1"),
        };
        if (failurePolicy is not null)
        {
            hook["failurePolicy"] = failurePolicy;
        }

        if (timeoutSeconds is not null)
        {
            hook["timeoutSeconds"] = timeoutSeconds;
        }

        if (namespaceSelector is not null)
        {
            hook["namespaceSelector"] = namespaceSelector;
        }

        return hook;
    }

    private static JsonObject Configuration(string kind, string name, params JsonObject[] webhooks) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["webhooks"] = new JsonArray([.. webhooks]),
    };

    private Task<JsonObject> RegisterValidatingAsync(string name, params JsonObject[] webhooks) =>
        _server.PostAsync(Configs, Configuration("ValidatingWebhookConfiguration", name, webhooks));

    private Task<JsonObject> RegisterMutatingAsync(string name, params JsonObject[] webhooks) =>
        _server.PostAsync(MutatingConfigs, Configuration("MutatingWebhookConfiguration", name, webhooks));

    private static JsonObject ConfigMap(string name, string? key = null, string? value = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = key is null ? new JsonObject() : new JsonObject { [key] = value },
    };

    [Fact]
    public async Task A_validating_webhook_refuses_a_non_compliant_configmap_and_admits_a_compliant_one()
    {
        await RegisterValidatingAsync("deny-configmaps", Webhook("deny-unwanted-configmap-data.k8s.io", "/deny", ["CREATE", "UPDATE"]));

        var (code, status) = await _server.SendAsync(HttpMethod.Post, ConfigMaps, ConfigMap("bad", "webhook-e2e-test", "webhook-disallow"));
        var created = await _server.PostAsync(ConfigMaps, ConfigMap("good", "webhook-e2e-test", "fine"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("admission webhook \"deny-unwanted-configmap-data.k8s.io\" denied the request: the configmap contains unwanted key and value", status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(HttpMethod.Get, ConfigMaps + "/bad")).Code);
        Assert.Equal("good", created["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_that_makes_a_configmap_non_compliant_is_refused_and_the_stored_object_stays()
    {
        await _server.PostAsync(ConfigMaps, ConfigMap("cm", "webhook-e2e-test", "fine"));
        await RegisterValidatingAsync("deny-configmaps", Webhook("deny-unwanted-configmap-data.k8s.io", "/deny", ["CREATE", "UPDATE"]));

        var (code, _) = await _server.SendAsync(HttpMethod.Patch, ConfigMaps + "/cm", new JsonObject { ["data"] = new JsonObject { ["webhook-e2e-test"] = "webhook-disallow" } }, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("fine", (await _server.GetAsync(ConfigMaps + "/cm"))["data"]!["webhook-e2e-test"]!.GetValue<string>());
        var update = _webhooks.Received.Last()["request"]!;
        Assert.Equal("UPDATE", update["operation"]!.GetValue<string>());
        Assert.Equal("fine", update["oldObject"]!["data"]!["webhook-e2e-test"]!.GetValue<string>());
        Assert.Equal("system:admin", update["userInfo"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_sees_only_the_operations_its_rules_name()
    {
        await RegisterValidatingAsync("deny-deletes", Webhook("deny-configmap-deletes.k8s.io", "/always-deny", ["DELETE"]));
        await _server.PostAsync(ConfigMaps, ConfigMap("kept"));

        var (code, status) = await _server.SendAsync(HttpMethod.Delete, ConfigMaps + "/kept");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("this webhook denies all requests", status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Get, ConfigMaps + "/kept")).Code);
        Assert.Equal("DELETE", _webhooks.Received.Single()["request"]!["operation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mutating_webhooks_run_in_order_and_each_sees_the_previous_ones_changes()
    {
        await RegisterMutatingAsync(
            "mutate-configmaps",
            Webhook("adding-configmap-data-stage-1.k8s.io", "/mutate-1", ["CREATE"]),
            Webhook("adding-configmap-data-stage-2.k8s.io", "/mutate-2", ["CREATE"]));

        var created = await _server.PostAsync(ConfigMaps, ConfigMap("mutated", "mutation-start", "yes"));

        Assert.Equal("yes", created["data"]!["mutation-stage-1"]!.GetValue<string>());
        Assert.Equal("yes", created["data"]!["mutation-stage-2"]!.GetValue<string>());
        Assert.Equal("yes", (await _server.GetAsync(ConfigMaps + "/mutated"))["data"]!["mutation-stage-2"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_with_reinvocation_if_needed_runs_again_after_a_later_webhook_changed_the_object()
    {
        var second = Webhook("adding-configmap-data-stage-2.k8s.io", "/mutate-2", ["CREATE"]);
        second["reinvocationPolicy"] = "IfNeeded";
        await RegisterMutatingAsync("a-second-stage", second);
        await RegisterMutatingAsync("b-first-stage", Webhook("adding-configmap-data-stage-1.k8s.io", "/mutate-1", ["CREATE"]));

        var created = await _server.PostAsync(ConfigMaps, ConfigMap("reinvoked", "mutation-start", "yes"));

        Assert.Equal("yes", created["data"]!["mutation-stage-1"]!.GetValue<string>());
        Assert.Equal("yes", created["data"]!["mutation-stage-2"]!.GetValue<string>());
        Assert.Equal(3, _webhooks.Received.Count);
    }

    [Fact]
    public async Task Match_conditions_exclude_requests_and_must_compile()
    {
        var hook = Webhook("skip-me.k8s.io", "/mutate-1", ["CREATE"]);
        hook["matchConditions"] = new JsonArray(new JsonObject { ["name"] = "not-skip-me", ["expression"] = "object.metadata.name != 'skip-me'" });
        await RegisterMutatingAsync("skip-me", hook);
        var broken = Webhook("broken.k8s.io", "/mutate-1", ["CREATE"]);
        broken["matchConditions"] = new JsonArray(new JsonObject { ["name"] = "invalid-expression-1", ["expression"] = "... [] bad syntax" });

        var skipped = await _server.PostAsync(ConfigMaps, ConfigMap("skip-me"));
        var mutated = await _server.PostAsync(ConfigMaps, ConfigMap("other"));
        var (code, status) = await _server.SendAsync(HttpMethod.Post, MutatingConfigs, Configuration("MutatingWebhookConfiguration", "broken", broken));

        Assert.Null(skipped["data"]!["mutation-stage-1"]);
        Assert.Equal("yes", mutated["data"]!["mutation-stage-1"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("webhooks[0].matchConditions[0].expression: Invalid value: \"... [] bad syntax\": compilation failed: ERROR: <input>:1:", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_a_mutating_webhook_adds_gets_its_defaults()
    {
        await RegisterMutatingAsync("add-init", Webhook("adding-init-container.k8s.io", "/add-init-container", ["CREATE"], resource: "pods"));

        var pod = await _server.PostAsync("/api/v1/namespaces/default/pods", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "webhook-to-be-mutated" },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "busybox" }) },
        });

        var init = pod["spec"]!["initContainers"]!.AsArray().Single()!;
        Assert.Equal("webhook-added-init-container", init["name"]!.GetValue<string>());
        Assert.Equal("File", init["terminationMessagePolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_that_cannot_be_called_refuses_the_request_unless_its_failure_policy_is_ignore()
    {
        await RegisterValidatingAsync("fail-closed", Webhook("fail-closed.k8s.io", "/deny", ["CREATE"], trusted: false, namespaceSelector: Selector("fail-closed")));
        await RegisterValidatingAsync("fail-open", Webhook("fail-open.k8s.io", "/deny", ["CREATE"], failurePolicy: "Ignore", trusted: false, namespaceSelector: Selector("fail-open")));
        await CreateNamespaceAsync("closed", "fail-closed");
        await CreateNamespaceAsync("open", "fail-open");

        var (closedCode, closedStatus) = await _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/closed/configmaps", ConfigMap("c"));
        var (openCode, _) = await _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/open/configmaps", ConfigMap("c"));

        Assert.Equal(HttpStatusCode.InternalServerError, closedCode);
        Assert.StartsWith("Internal error occurred: failed calling webhook \"fail-closed.k8s.io\": failed to call webhook: Post \"https://127.0.0.1:", closedStatus["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, openCode);
    }

    [Fact]
    public async Task A_webhook_slower_than_its_timeout_fails_the_request_with_a_deadline_error()
    {
        await RegisterValidatingAsync("slow", Webhook("slow.k8s.io", "/slow", ["CREATE"], timeoutSeconds: 1, namespaceSelector: Selector("slow")));
        await RegisterValidatingAsync("slow-ignored", Webhook("slow-ignored.k8s.io", "/slow", ["CREATE"], timeoutSeconds: 1, failurePolicy: "Ignore", namespaceSelector: Selector("slow-ignored")));
        await CreateNamespaceAsync("slow", "slow");
        await CreateNamespaceAsync("slow-ignored", "slow-ignored");

        var (code, status) = await _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/slow/configmaps", ConfigMap("c"));
        var (ignoredCode, _) = await _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/slow-ignored/configmaps", ConfigMap("c"));

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.EndsWith("?timeout=1s\": context deadline exceeded", status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, ignoredCode);
    }

    [Fact]
    public async Task A_namespace_selector_leaves_requests_in_other_namespaces_alone()
    {
        await RegisterValidatingAsync("deny-selected", Webhook("deny-selected.k8s.io", "/always-deny", ["CREATE"], namespaceSelector: Selector("guarded")));
        await CreateNamespaceAsync("guarded", "guarded");

        var (guarded, _) = await _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/guarded/configmaps", ConfigMap("c"));
        var (other, _) = await _server.SendAsync(HttpMethod.Post, ConfigMaps, ConfigMap("c"));

        Assert.Equal(HttpStatusCode.BadRequest, guarded);
        Assert.Equal(HttpStatusCode.Created, other);
    }

    [Fact]
    public async Task Webhook_configurations_themselves_are_never_sent_to_webhooks()
    {
        var everything = Webhook("deny-everything.k8s.io", "/always-deny", ["*"], resource: "*");
        everything["rules"]![0]!["apiGroups"] = new JsonArray("*");
        everything["rules"]![0]!["apiVersions"] = new JsonArray("*");
        await RegisterValidatingAsync("deny-everything", everything);

        var (other, _) = await _server.SendAsync(HttpMethod.Post, MutatingConfigs, Configuration("MutatingWebhookConfiguration", "harmless", Webhook("harmless.k8s.io", "/mutate-1", ["CREATE"])));
        var (deleted, _) = await _server.SendAsync(HttpMethod.Delete, Configs + "/deny-everything");

        Assert.Equal(HttpStatusCode.Created, other);
        Assert.Equal(HttpStatusCode.OK, deleted);
    }

    [Fact]
    public async Task Listed_configurations_can_be_removed_with_deletecollection_and_then_stop_refusing()
    {
        for (var i = 0; i < 3; i++)
        {
            var config = Configuration("ValidatingWebhookConfiguration", $"listed-{i}", Webhook($"listed-{i}.k8s.io", "/always-deny", ["CREATE"]));
            config["metadata"]!["labels"] = new JsonObject { ["e2e-list-test"] = "true" };
            await _server.PostAsync(Configs, config);
        }

        var listed = await _server.GetAsync(Configs + "?labelSelector=e2e-list-test%3Dtrue");
        var (refused, _) = await _server.SendAsync(HttpMethod.Post, ConfigMaps, ConfigMap("before"));
        await _server.SendAsync(HttpMethod.Delete, Configs + "?labelSelector=e2e-list-test%3Dtrue");
        var (admitted, _) = await _server.SendAsync(HttpMethod.Post, ConfigMaps, ConfigMap("after"));

        Assert.Equal(3, listed["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(HttpStatusCode.Created, admitted);
    }

    [Fact]
    public async Task A_configuration_without_side_effects_or_review_versions_is_invalid_and_defaults_are_filled()
    {
        var bad = Webhook("bad.k8s.io", "/deny", ["CREATE"]);
        bad.Remove("sideEffects");
        bad.Remove("admissionReviewVersions");
        var (code, status) = await _server.SendAsync(HttpMethod.Post, Configs, Configuration("ValidatingWebhookConfiguration", "bad", bad));
        var created = await RegisterValidatingAsync("defaults", Webhook("defaults.k8s.io", "/deny", ["CREATE"]));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal(
            ["webhooks[0].sideEffects", "webhooks[0].admissionReviewVersions"],
            status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()));
        var hook = created["webhooks"]![0]!;
        Assert.Equal("Fail", hook["failurePolicy"]!.GetValue<string>());
        Assert.Equal("Equivalent", hook["matchPolicy"]!.GetValue<string>());
        Assert.Equal(10, hook["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal("*", hook["rules"]![0]!["scope"]!.GetValue<string>());
    }

    private static JsonObject Selector(string value) =>
        new() { ["matchLabels"] = new JsonObject { ["webhook-test"] = value } };

    private Task<JsonObject> CreateNamespaceAsync(string name, string label) =>
        _server.PostAsync("/api/v1/namespaces", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["webhook-test"] = label } },
        });
}
