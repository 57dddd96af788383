using System.Text.Json.Nodes;
using KubeSharp.Api.Patch;
using static KubeSharp.Api.Tests.Patch.JsonText;

namespace KubeSharp.Api.Tests.Patch;

public sealed class ServerSideApplyTests
{
    private static readonly DateTimeOffset T1 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2026, 1, 1, 11, 0, 0, TimeSpan.Zero);

    private const string Head = "{'apiVersion':'apps/v1','kind':'Deployment',";
    private const string Deployment = Head + "'metadata':{'name':'web'},";

    private static ApplyResult Apply(JsonObject? live, string applied, string manager = "kubectl", bool force = false, DateTimeOffset? now = null) =>
        ServerSideApply.Apply(live, Object(applied), manager, force, typeof(TestDeployment), now ?? T1);

    private static JsonObject Applied(JsonObject? live, string applied, string manager = "kubectl", DateTimeOffset? now = null)
    {
        var result = Apply(live, applied, manager, now: now);
        Assert.False(result.HasConflicts, result.HasConflicts ? result.ConflictMessage() : "");
        return result.Object!;
    }

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["metadata"]!.AsObject().Remove("managedFields");
        return copy;
    }

    private static JsonObject Updated(JsonObject live, Action<JsonObject> change, string manager)
    {
        var updated = (JsonObject)live.DeepClone();
        change(updated);
        return ManagedFields.RecordUpdate(live, updated, manager, typeof(TestDeployment), T2);
    }

    [Fact]
    public void Apply_creates_the_object_and_records_an_apply_entry()
    {
        var result = Applied(null, Deployment + "'spec':{'replicas':2}}");
        AssertEqual(Json(Deployment + "'spec':{'replicas':2}}"), WithoutManagedFields(result));
        AssertEqual(
            "[{'manager':'kubectl','operation':'Apply','apiVersion':'apps/v1','time':'2026-01-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}}]",
            result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Apply_merges_into_the_live_object_keeping_fields_it_does_not_mention()
    {
        var live = Applied(null, Deployment + "'spec':{'replicas':2,'paused':true}}", manager: "other");
        var result = Applied(live, Deployment + "'spec':{'minReadySeconds':5}}");
        AssertEqual(Json(Deployment + "'spec':{'replicas':2,'paused':true,'minReadySeconds':5}}"), WithoutManagedFields(result));
    }

    [Fact]
    public void A_field_dropped_from_the_configuration_is_removed()
    {
        var live = Applied(null, Head + "'metadata':{'name':'web','labels':{'a':'1','b':'2'}},'spec':{'replicas':2}}");
        var result = Applied(live, Head + "'metadata':{'name':'web','labels':{'a':'1'}}}");
        AssertEqual("{'a':'1'}", result["metadata"]!["labels"]);
        Assert.Null(result["spec"]?["replicas"]);
    }

    [Fact]
    public void A_dropped_field_another_manager_also_owns_is_kept()
    {
        var live = Applied(null, Deployment + "'spec':{'replicas':2}}");
        live = Applied(live, Deployment + "'spec':{'replicas':2}}", manager: "helper");
        var result = Applied(live, Deployment + "'spec':{'paused':true}}");
        Assert.Equal(2, (int)result["spec"]!["replicas"]!);
        var records = ManagedFields.Read(result);
        Assert.Equal("{\"f:spec\":{\"f:paused\":{}}}", records.Single(r => r.Manager == "kubectl").Fields.ToString());
    }

    [Fact]
    public void Changing_a_field_another_manager_owns_is_a_conflict()
    {
        var created = ManagedFields.RecordUpdate(null, Object(Deployment + "'spec':{'replicas':1}}"), "kubectl-client-side-apply", typeof(TestDeployment), T1);
        var result = Apply(created, Deployment + "'spec':{'replicas':3}}");

        Assert.True(result.HasConflicts);
        Assert.Null(result.Object);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("kubectl-client-side-apply", conflict.Manager);
        Assert.Equal(".spec.replicas", conflict.Field);
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using apps/v1", conflict.Message);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", result.ConflictMessage());
    }

    [Fact]
    public void Applying_the_same_value_shares_ownership_without_conflict()
    {
        var created = ManagedFields.RecordUpdate(null, Object(Deployment + "'spec':{'replicas':1}}"), "creator", typeof(TestDeployment), T1);
        var result = Applied(created, Deployment + "'spec':{'replicas':1}}");
        var records = ManagedFields.Read(result);
        Assert.All(records, r => Assert.True(r.Fields.Contains(["f:spec", "f:replicas"])));
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void Force_takes_ownership_from_the_other_manager()
    {
        var created = ManagedFields.RecordUpdate(null, Object(Deployment + "'spec':{'replicas':1,'paused':true}}"), "creator", typeof(TestDeployment), T1);
        var result = Apply(created, Deployment + "'spec':{'replicas':3}}", force: true);

        Assert.False(result.HasConflicts);
        Assert.Equal(3, (int)result.Object!["spec"]!["replicas"]!);
        var records = ManagedFields.Read(result.Object);
        Assert.Equal("{\"f:spec\":{\"f:paused\":{}}}", records.Single(r => r.Manager == "creator").Fields.ToString());
        Assert.Equal("{\"f:spec\":{\"f:replicas\":{}}}", records.Single(r => r.Manager == "kubectl").Fields.ToString());
    }

    [Fact]
    public void Conflicts_inside_keyed_lists_name_the_item_by_key()
    {
        var created = ManagedFields.RecordUpdate(
            null,
            Object(Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.24'}]}}}}"),
            "kubectl-set",
            typeof(TestDeployment),
            T1);
        var result = Apply(created, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.25'}]}}}}");
        Assert.Equal(".spec.template.spec.containers[name=\"nginx\"].image", Assert.Single(result.Conflicts).Field);
    }

    [Fact]
    public void Several_conflicts_are_grouped_by_manager_in_the_message()
    {
        var created = ManagedFields.RecordUpdate(null, Object(Deployment + "'spec':{'replicas':1,'paused':false}}"), "a", typeof(TestDeployment), T1);
        var result = Apply(created, Deployment + "'spec':{'replicas':2,'paused':true}}");
        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"a\" using apps/v1:\n- .spec.paused\n- .spec.replicas",
            result.ConflictMessage());
    }

    [Fact]
    public void Keyed_list_items_merge_with_items_of_other_managers()
    {
        var live = Applied(null, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'sidecar','image':'s'}]}}}}", manager: "injector");
        var result = Applied(live, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'app','image':'a'}]}}}}");
        var names = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]).ToList();
        Assert.Equal(["sidecar", "app"], names);
    }

    [Fact]
    public void A_keyed_item_dropped_from_the_configuration_is_removed()
    {
        var live = Applied(null, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'2'}]}}}}");
        var result = Applied(live, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'}]}}}}");
        AssertEqual("[{'name':'a','image':'1'}]", result["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void A_keyed_item_keeps_fields_other_managers_set_inside_it()
    {
        var live = Applied(null, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'}]}}}}");
        live = Updated(live, o => o["spec"]!["template"]!["spec"]!["containers"]![0]!["args"] = new JsonArray("x"), "editor");
        var result = Applied(live, Deployment + "'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}");
        AssertEqual("[{'name':'a','image':'2','args':['x']}]", result["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void Atomic_lists_are_replaced_whole()
    {
        var live = Applied(null, Deployment + "'spec':{'template':{'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}}}}");
        var result = Applied(live, Deployment + "'spec':{'template':{'spec':{'tolerations':[{'key':'c'}]}}}}");
        AssertEqual("[{'key':'c'}]", result["spec"]!["template"]!["spec"]!["tolerations"]);
    }

    [Fact]
    public void Set_lists_union_with_values_of_other_managers()
    {
        var live = Applied(null, Head + "'metadata':{'name':'web','finalizers':['x']}}", manager: "controller");
        var result = Applied(live, Head + "'metadata':{'name':'web','finalizers':['y']}}");
        AssertEqual("['x','y']", result["metadata"]!["finalizers"]);
    }

    [Fact]
    public void An_update_after_apply_makes_the_next_apply_conflict_with_the_updater()
    {
        var live = Applied(null, Deployment + "'spec':{'replicas':1}}");
        live = Updated(live, o => o["spec"]!["replicas"] = 5, "kubectl-scale");
        var result = Apply(live, Deployment + "'spec':{'replicas':2}}");
        Assert.Equal("conflict with \"kubectl-scale\" using apps/v1", Assert.Single(result.Conflicts).Message);
    }

    [Fact]
    public void An_object_without_managed_fields_is_owned_before_first_apply()
    {
        var result = Apply(Object(Deployment + "'spec':{'replicas':1}}"), Deployment + "'spec':{'replicas':2}}");
        Assert.Equal(ServerSideApply.BeforeFirstApplyManager, Assert.Single(result.Conflicts).Manager);
    }

    [Fact]
    public void Reapplying_the_same_configuration_changes_nothing()
    {
        var first = Applied(null, Deployment + "'spec':{'replicas':1}}");
        var second = Applied(first, Deployment + "'spec':{'replicas':1}}", now: T2);
        AssertEqual(first.ToJsonString(), second);
    }

    [Fact]
    public void Keyed_item_without_its_key_is_422()
    {
        var error = Assert.Throws<PatchException>(() => Apply(null, Deployment + "'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"));
        Assert.Equal(422, error.StatusCode);
    }

    [Fact]
    public void Managed_fields_in_the_configuration_are_400()
    {
        var error = Assert.Throws<PatchException>(() => Apply(null, "{'metadata':{'name':'x','managedFields':[]}}"));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Live_object_is_not_modified()
    {
        var live = Applied(null, Deployment + "'spec':{'replicas':1}}");
        var before = live.ToJsonString();
        Apply(live, Deployment + "'spec':{'replicas':4}}");
        AssertEqual(before, live);
    }

    [Fact]
    public void Apply_through_a_subresource_is_a_separate_manager()
    {
        var live = Applied(null, Deployment + "'spec':{'replicas':1}}");
        var result = ServerSideApply.Apply(live, Object(Deployment + "'status':{'replicas':1}}"), "kubectl", false, typeof(TestDeployment), T2, subresource: "status");
        var records = ManagedFields.Read(result.Object);
        Assert.Equal(2, records.Count);
        Assert.Equal("status", records.Single(r => r.Subresource is not null).Subresource);
        Assert.Equal(1, (int)result.Object!["spec"]!["replicas"]!);
    }

    [Fact]
    public void Applied_changes_keep_the_live_member_order()
    {
        var live = Applied(null, Deployment + "'spec':{'replicas':1,'paused':false}}", manager: "other");
        var result = Applied(live, "{'spec':{'replicas':1},'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'}}");
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], result.Select(p => p.Key));
    }
}
