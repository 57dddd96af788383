using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.CustomResources;

/// <summary>A CustomResourceDefinition makes its resource served through the generic REST path, discovery and OpenAPI.</summary>
public sealed class CustomResourceServingTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync();
        await _server.PostAsync(CronTabs.Definitions, CronTabs.Definition());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_created_definition_is_established_with_its_accepted_names_and_stored_version()
    {
        var crd = await _server.GetAsync($"{CronTabs.Definitions}/crontabs.stable.example.com");

        var conditions = crd["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal("crontabs", crd["status"]!["acceptedNames"]!["plural"]!.GetValue<string>());
        Assert.Equal("CronTabList", crd["status"]!["acceptedNames"]!["listKind"]!.GetValue<string>());
        Assert.Equal(["v1"], crd["status"]!["storedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task A_definition_named_other_than_plural_dot_group_or_without_one_storage_version_is_invalid()
    {
        var misnamed = CronTabs.Definition("widgets", "Widget");
        misnamed["metadata"]!["name"] = "gadgets.stable.example.com";
        var twoStorage = CronTabs.Definition("gizmos", "Gizmo");
        twoStorage["spec"]!["versions"]![1]!["storage"] = true;

        var (misnamedCode, misnamedBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Definitions, misnamed);
        var (twoCode, twoBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Definitions, twoStorage);

        Assert.Equal(422, misnamedCode);
        Assert.Contains("metadata.name: Invalid value: \"gadgets.stable.example.com\": must be spec.names.plural+\".\"+spec.group", misnamedBody!["message"]!.GetValue<string>());
        Assert.Equal(422, twoCode);
        Assert.Contains(twoBody!["details"]!["causes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "spec.versions");
    }

    [Fact]
    public async Task Custom_resources_are_created_read_listed_and_served_in_every_served_version()
    {
        var created = await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("daily"));
        var generated = CronTabs.CronTab("");
        generated["metadata"] = new JsonObject { ["generateName"] = "nightly-" };
        var named = await _server.PostAsync(CronTabs.Default, generated);

        var read = await _server.GetAsync($"{CronTabs.Default}/daily");
        var asBeta = await _server.GetAsync("/apis/stable.example.com/v1beta1/namespaces/default/crontabs/daily");
        var list = await _server.GetAsync(CronTabs.Default);
        var allNamespaces = await _server.GetAsync("/apis/stable.example.com/v1/crontabs");

        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        Assert.StartsWith("nightly-", named["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("stable.example.com/v1", read["apiVersion"]!.GetValue<string>());
        Assert.Equal("busybox", read["spec"]!["image"]!.GetValue<string>());
        Assert.Equal("stable.example.com/v1beta1", asBeta["apiVersion"]!.GetValue<string>());
        Assert.Equal("* * * * */5", asBeta["spec"]!["cronSpec"]!.GetValue<string>());
        Assert.Equal("CronTabList", list["kind"]!.GetValue<string>());
        Assert.Equal(2, list["items"]!.AsArray().Count);
        Assert.Equal(2, allNamespaces["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lists_select_by_label_and_by_metadata_name()
    {
        var labelled = CronTabs.CronTab("labelled");
        labelled["metadata"]!["labels"] = new JsonObject { ["tier"] = "batch" };
        await _server.PostAsync(CronTabs.Default, labelled);
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("plain"));

        var byLabel = await _server.GetAsync($"{CronTabs.Default}?labelSelector=tier%3Dbatch");
        var byName = await _server.GetAsync($"{CronTabs.Default}?fieldSelector=metadata.name%3Dplain");

        Assert.Equal("labelled", Assert.Single(byLabel["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("plain", Assert.Single(byName["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_with_a_stale_resource_version_conflicts()
    {
        var created = await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("raced"));
        var first = created.DeepClone().AsObject();
        first["spec"]!["replicas"] = 2;
        var second = created.DeepClone().AsObject();
        second["spec"]!["replicas"] = 3;

        var (firstCode, firstBody, _) = await _server.RequestAsync(HttpMethod.Put, $"{CronTabs.Default}/raced", first);
        var (secondCode, body, _) = await _server.RequestAsync(HttpMethod.Put, $"{CronTabs.Default}/raced", second);

        Assert.True(firstCode == 200, firstBody?.ToJsonString());
        Assert.Equal(409, secondCode);
        Assert.Equal("Conflict", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schema_violations_are_invalid_with_Kubernetes_wording()
    {
        var wrongType = CronTabs.CronTab("typed");
        wrongType["spec"]!["replicas"] = "many";
        var outOfRange = CronTabs.CronTab("ranged", replicas: 11);
        var badPattern = CronTabs.CronTab("patterned", cronSpec: "often");
        var badEnum = CronTabs.CronTab("enumerated");
        badEnum["spec"]!["mode"] = "Medium";
        var missing = CronTabs.CronTab("missing");
        missing["spec"]!.AsObject().Remove("cronSpec");

        var (typeCode, typeBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default, wrongType);
        var (_, rangeBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default, outOfRange);
        var (_, patternBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default, badPattern);
        var (_, enumBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default, badEnum);
        var (_, missingBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default, missing);

        Assert.Equal(422, typeCode);
        Assert.Equal("CronTab.stable.example.com \"typed\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", typeBody!["message"]!.GetValue<string>());
        Assert.Contains("spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10", rangeBody!["message"]!.GetValue<string>());
        Assert.Contains("spec.cronSpec: Invalid value: \"often\": spec.cronSpec in body should match", patternBody!["message"]!.GetValue<string>());
        Assert.Contains("spec.mode: Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\"", enumBody!["message"]!.GetValue<string>());
        Assert.Contains("spec.cronSpec: Required value", missingBody!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_warned_about_or_rejected_by_field_validation()
    {
        var withUnknown = CronTabs.CronTab("pruned");
        withUnknown["spec"]!["colour"] = "blue";
        withUnknown["spec"]!["extra"] = new JsonObject { ["anything"] = 1 };
        withUnknown["spec"]!["labels"] = new JsonObject { ["a"] = "b" };
        var strict = withUnknown.DeepClone().AsObject();
        strict["metadata"]!["name"] = "strict";

        var (warnCode, warned, warnings) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default + "?fieldValidation=Warn", withUnknown);
        var (strictCode, strictBody, _) = await _server.RequestAsync(HttpMethod.Post, CronTabs.Default + "?fieldValidation=Strict", strict);

        Assert.Equal(201, warnCode);
        Assert.Null(warned!["spec"]!["colour"]);
        Assert.Equal(1, warned["spec"]!["extra"]!["anything"]!.GetValue<int>());
        Assert.Equal("b", warned["spec"]!["labels"]!["a"]!.GetValue<string>());
        Assert.Contains(warnings, w => w.Contains("unknown field \\\"spec.colour\\\"", StringComparison.Ordinal));
        Assert.Equal(400, strictCode);
        Assert.Contains("strict decoding error: unknown field \"spec.colour\"", strictBody!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_and_json_patches_apply_and_strategic_merge_patch_is_unsupported()
    {
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("patched"));

        var (mergeCode, merged, _) = await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/patched", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 4 } }, "application/merge-patch+json");
        var (jsonCode, jsonPatched, _) = await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/patched", new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/image", ["value"] = "nginx" }), "application/json-patch+json");
        var (smpCode, smpBody, _) = await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/patched", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 5 } }, "application/strategic-merge-patch+json");

        Assert.Equal(200, mergeCode);
        Assert.Equal(4, merged!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, merged["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(200, jsonCode);
        Assert.Equal("nginx", jsonPatched!["spec"]!["image"]!.GetValue<string>());
        Assert.Equal(415, smpCode);
        Assert.Equal("UnsupportedMediaType", smpBody!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_side_apply_creates_and_updates_a_custom_resource()
    {
        var applied = CronTabs.CronTab("applied");

        var (createCode, created, _) = await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/applied?fieldManager=tester", applied, "application/apply-patch+yaml");
        applied["spec"]!["replicas"] = 7;
        var (updateCode, updated, _) = await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/applied?fieldManager=tester", applied, "application/apply-patch+yaml");

        Assert.Equal(201, createCode);
        Assert.Equal("tester", created!["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
        Assert.Equal(200, updateCode);
        Assert.Equal(7, updated!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_status_subresource_owns_status_and_only_spec_changes_bump_the_generation()
    {
        var created = await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("statused"));
        var withStatus = created.DeepClone().AsObject();
        withStatus["status"] = new JsonObject { ["replicas"] = 3 };

        var (_, viaMain, _) = await _server.RequestAsync(HttpMethod.Put, $"{CronTabs.Default}/statused", withStatus);
        withStatus["metadata"]!["resourceVersion"] = viaMain!["metadata"]!["resourceVersion"]!.DeepClone();
        var (statusCode, viaStatus, _) = await _server.RequestAsync(HttpMethod.Put, $"{CronTabs.Default}/statused/status", withStatus);

        Assert.Null(viaMain["status"]);
        Assert.Equal(200, statusCode);
        Assert.Equal(3, viaStatus!["status"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, viaStatus["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_writes_the_declared_paths()
    {
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("scaled", replicas: 2));
        await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/scaled/status", new JsonObject { ["status"] = new JsonObject { ["replicas"] = 2, ["labelSelector"] = "app=cron" } }, "application/merge-patch+json");

        var scale = await _server.GetAsync($"{CronTabs.Default}/scaled/scale");
        var (code, _, _) = await _server.RequestAsync(HttpMethod.Patch, $"{CronTabs.Default}/scaled/scale", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 5 } }, "application/merge-patch+json");
        var read = await _server.GetAsync($"{CronTabs.Default}/scaled");

        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
        Assert.Equal(2, scale["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("app=cron", scale["status"]!["selector"]!.GetValue<string>());
        Assert.Equal(200, code);
        Assert.Equal(5, read["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tables_print_the_additional_printer_columns()
    {
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("tabled", replicas: 3));

        var (_, table, _) = await _server.RequestAsync(HttpMethod.Get, CronTabs.Default, accept: "application/json;as=Table;v=v1;g=meta.k8s.io");

        Assert.Equal(["Name", "Spec", "Replicas", "Age"], table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("tabled", cells[0]!.GetValue<string>());
        Assert.Equal("* * * * */5", cells[1]!.GetValue<string>());
        Assert.Equal(3, cells[2]!.GetValue<long>());
        Assert.EndsWith("s", cells[3]!.GetValue<string>());
    }

    [Fact]
    public async Task Definitions_print_name_and_creation_time()
    {
        var (_, table, _) = await _server.RequestAsync(HttpMethod.Get, CronTabs.Definitions, accept: "application/json;as=Table;v=v1;g=meta.k8s.io");

        Assert.Equal(["Name", "Created At"], table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", table["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_lists_the_group_and_the_resource_with_its_names()
    {
        var groups = await _server.GetAsync("/apis");
        var resources = await _server.GetAsync("/apis/stable.example.com/v1");
        var (_, aggregated, _) = await _server.RequestAsync(HttpMethod.Get, "/apis", accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");

        var group = Assert.Single(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "stable.example.com")!;
        Assert.Equal("stable.example.com/v1", group["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        var crontabs = Assert.Single(resources["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "crontabs")!;
        Assert.Equal("crontab", crontabs["singularName"]!.GetValue<string>());
        Assert.Equal(["cr"], crontabs["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["all"], crontabs["categories"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains(resources["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "crontabs/scale");
        Assert.Contains(aggregated!["items"]!.AsArray(), g => g!["metadata"]!["name"]!.GetValue<string>() == "stable.example.com");
    }

    [Fact]
    public async Task OpenApi_documents_carry_the_custom_resource_schema()
    {
        var v3 = await _server.GetAsync("/openapi/v3/apis/stable.example.com/v1");
        var index = await _server.GetAsync("/openapi/v3");
        var v2 = await _server.GetAsync("/openapi/v2");

        var schema = v3["components"]!["schemas"]!["com.example.stable.v1.CronTab"]!;
        Assert.Equal("string", schema["properties"]!["spec"]!["properties"]!["cronSpec"]!["type"]!.GetValue<string>());
        Assert.Equal("CronTab", schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        Assert.NotNull(index["paths"]!["apis/stable.example.com/v1"]);
        Assert.NotNull(v2["definitions"]!["com.example.stable.v1.CronTab"]);
        Assert.NotNull(v2["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]);
    }

    [Fact]
    public async Task Deleting_the_definition_deletes_its_objects_and_stops_serving_the_resource()
    {
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("doomed"));

        var (code, deleting, _) = await _server.RequestAsync(HttpMethod.Delete, $"{CronTabs.Definitions}/crontabs.stable.example.com");
        await CronTabs.EventuallyAsync(async () => (await _server.RequestAsync(HttpMethod.Get, $"{CronTabs.Definitions}/crontabs.stable.example.com")).Code == 404, "the definition is gone");
        var (listCode, _, _) = await _server.RequestAsync(HttpMethod.Get, CronTabs.Default);
        var groups = await _server.GetAsync("/apis");

        Assert.Equal(200, code);
        Assert.Contains("customresourcecleanup.apiextensions.k8s.io", deleting!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains(deleting["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Terminating");
        Assert.Equal(404, listCode);
        Assert.DoesNotContain(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "stable.example.com");
    }

    [Fact]
    public async Task A_recreated_definition_serves_an_empty_resource()
    {
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("first-life"));
        await _server.RequestAsync(HttpMethod.Delete, $"{CronTabs.Definitions}/crontabs.stable.example.com");
        await CronTabs.EventuallyAsync(async () => (await _server.RequestAsync(HttpMethod.Get, $"{CronTabs.Definitions}/crontabs.stable.example.com")).Code == 404, "the definition is gone");

        await _server.PostAsync(CronTabs.Definitions, CronTabs.Definition());
        var list = await _server.GetAsync(CronTabs.Default);

        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_custom_resources()
    {
        await _server.PostAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "team" } });
        await _server.PostAsync("/apis/stable.example.com/v1/namespaces/team/crontabs", CronTabs.CronTab("owned-by-team"));

        await _server.RequestAsync(HttpMethod.Delete, "/api/v1/namespaces/team");

        await CronTabs.EventuallyAsync(async () => (await _server.RequestAsync(HttpMethod.Get, "/api/v1/namespaces/team")).Code == 404, "the namespace is gone");
        Assert.Empty((await _server.GetAsync("/apis/stable.example.com/v1/crontabs"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Dependents_are_garbage_collected_when_their_custom_resource_owner_goes()
    {
        var owner = await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("owner"));
        var dependent = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = "owned",
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "stable.example.com/v1",
                    ["kind"] = "CronTab",
                    ["name"] = "owner",
                    ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
                }),
            },
        };
        await _server.PostAsync("/api/v1/namespaces/default/configmaps", dependent);

        await _server.RequestAsync(HttpMethod.Delete, $"{CronTabs.Default}/owner");

        await CronTabs.EventuallyAsync(async () => (await _server.RequestAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/owned")).Code == 404, "the dependent is collected");
    }

    [Fact]
    public async Task Watches_see_custom_resource_changes()
    {
        using var watch = await _server.WatchAsync($"{CronTabs.Default}?watch=true");
        await _server.PostAsync(CronTabs.Default, CronTabs.CronTab("watched"));
        await _server.RequestAsync(HttpMethod.Delete, $"{CronTabs.Default}/watched");

        var added = await watch.NextAsync();
        var deleted = await watch.NextAsync();

        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Equal("watched", added["object"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("DELETED", deleted["type"]!.GetValue<string>());
    }
}
