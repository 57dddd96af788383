using System.Text.Json.Nodes;
using KubeSharp.Api.Patch;
using static KubeSharp.Api.Tests.Patch.JsonText;

namespace KubeSharp.Api.Tests.Patch;

public sealed class ManagedFieldsTests
{
    private static readonly DateTimeOffset T1 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2026, 1, 1, 11, 0, 0, TimeSpan.Zero);

    private static string FieldsOf(string obj, Type type) =>
        ManagedFields.FieldSetOf(Object(obj), type).ToString();

    [Fact]
    public void Field_set_uses_f_for_fields_and_k_for_keyed_items()
    {
        var fields = FieldsOf(
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx','image':'nginx'}]}}",
            typeof(TestPod));
        Assert.Equal(
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}",
            fields);
    }

    [Fact]
    public void Set_items_use_v_with_the_value_json()
    {
        Assert.Equal(
            "{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"a\\\"\":{},\"v:\\\"b\\\"\":{}}}}",
            FieldsOf("{'metadata':{'finalizers':['a','b']}}", typeof(TestPod)));
    }

    [Fact]
    public void Numeric_keys_are_json_numbers()
    {
        var fields = ManagedFields.FieldSetOf(Object("{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80}]}]}}"), typeof(TestPod));
        Assert.True(fields.Contains(["f:spec", "f:containers", "k:{\"name\":\"c\"}", "f:ports", "k:{\"containerPort\":80}", "f:containerPort"]));
    }

    [Fact]
    public void Server_managed_metadata_is_not_owned()
    {
        Assert.Equal(
            "{}",
            FieldsOf("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'d','uid':'u','resourceVersion':'1','generation':1,'creationTimestamp':'2026-01-01T00:00:00Z','managedFields':[{'manager':'m'}]}}", typeof(TestPod)));
    }

    [Fact]
    public void Atomic_lists_opaque_values_and_empty_objects_are_leaves()
    {
        Assert.Equal(
            "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:args\":{},\"f:name\":{},\"f:resources\":{}}},\"f:tolerations\":{}}}",
            FieldsOf("{'spec':{'tolerations':[{'key':'a'}],'containers':[{'name':'c','args':['x'],'resources':{}}]}}", typeof(TestPod)));
        Assert.Equal("{\"f:spec\":{}}", FieldsOf("{'spec':{'a':{'b':[1]}}}", typeof(TestWidget)));
    }

    [Fact]
    public void Fields_not_in_the_type_are_leaves()
    {
        Assert.Equal("{\"f:spec\":{\"f:unknown\":{}}}", FieldsOf("{'spec':{'unknown':{'x':1}}}", typeof(TestPod)));
    }

    [Fact]
    public void FieldsV1_round_trips_including_dot_members()
    {
        var json = Json("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'x\\'}':{'.':{},'f:image':{}}}}}");
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(json));
        Assert.True(set.Contains(["f:metadata", "f:labels"]));
        Assert.False(set.Contains(["f:metadata"]));
        AssertEqual(json, set.ToFieldsV1());
    }

    [Fact]
    public void Paths_are_described_as_kubernetes_prints_them()
    {
        Assert.Equal(".spec.replicas", FieldSet.Describe(["f:spec", "f:replicas"]));
        Assert.Equal(".spec.containers[name=\"nginx\"].image", FieldSet.Describe(["f:spec", "f:containers", "k:{\"name\":\"nginx\"}", "f:image"]));
        Assert.Equal(".metadata.finalizers[=\"a\"]", FieldSet.Describe(["f:metadata", "f:finalizers", "v:\"a\""]));
    }

    [Fact]
    public void Create_gives_the_manager_every_field()
    {
        var result = ManagedFields.RecordUpdate(null, Object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},'spec':{'replicas':1}}"), "kubectl-create", typeof(TestDeployment), T1);
        AssertEqual(
            "[{'manager':'kubectl-create','operation':'Update','apiVersion':'apps/v1','time':'2026-01-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}}]",
            result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void An_update_takes_the_fields_it_changes_from_other_managers()
    {
        var created = ManagedFields.RecordUpdate(null, Object("{'apiVersion':'apps/v1','spec':{'replicas':1,'paused':false}}"), "creator", typeof(TestDeployment), T1);
        var scaled = (JsonObject)created.DeepClone();
        scaled["spec"]!["replicas"] = 5;
        var result = ManagedFields.RecordUpdate(created, scaled, "kubectl-scale", typeof(TestDeployment), T2);

        var records = ManagedFields.Read(result);
        Assert.Equal("{\"f:spec\":{\"f:paused\":{}}}", records.Single(r => r.Manager == "creator").Fields.ToString());
        var scaler = records.Single(r => r.Manager == "kubectl-scale");
        Assert.Equal("{\"f:spec\":{\"f:replicas\":{}}}", scaler.Fields.ToString());
        Assert.Equal("2026-01-01T11:00:00Z", scaler.Time);
    }

    [Fact]
    public void An_update_that_changes_nothing_leaves_managed_fields_alone()
    {
        var created = ManagedFields.RecordUpdate(null, Object("{'apiVersion':'v1','spec':{'replicas':1}}"), "creator", typeof(TestDeployment), T1);
        var result = ManagedFields.RecordUpdate(created, created, "other", typeof(TestDeployment), T2);
        AssertEqual(created["metadata"]!["managedFields"]!.ToJsonString(), result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Removed_fields_leave_every_manager_and_empty_entries_disappear()
    {
        var created = ManagedFields.RecordUpdate(null, Object("{'apiVersion':'v1','metadata':{'labels':{'a':'1'}},'spec':{'replicas':1}}"), "creator", typeof(TestDeployment), T1);
        var labelled = ManagedFields.RecordUpdate(created, Object(created.ToJsonString().Replace("\"a\":\"1\"", "\"a\":\"1\",\"b\":\"2\"", StringComparison.Ordinal)), "labeller", typeof(TestDeployment), T2);
        var removed = (JsonObject)labelled.DeepClone();
        removed["metadata"]!["labels"]!.AsObject().Remove("b");
        var result = ManagedFields.RecordUpdate(labelled, removed, "remover", typeof(TestDeployment), T2);

        var records = ManagedFields.Read(result);
        Assert.DoesNotContain(records, r => r.Manager == "labeller");
        Assert.DoesNotContain(records, r => r.Manager == "remover");
        Assert.Single(records);
    }

    [Fact]
    public void Entries_are_ordered_apply_first_then_by_time()
    {
        var obj = Object("{'metadata':{}}");
        ManagedFields.Write(obj,
        [
            new ManagedFieldsRecord("b", ManagedFields.Update, "v1", "2026-01-01T11:00:00Z", null, FieldSet.FromFieldsV1(Parse("{'f:x':{}}"))),
            new ManagedFieldsRecord("a", ManagedFields.Update, "v1", "2026-01-01T10:00:00Z", null, FieldSet.FromFieldsV1(Parse("{'f:y':{}}"))),
            new ManagedFieldsRecord("z", ManagedFields.Apply, "v1", "2026-01-01T12:00:00Z", null, FieldSet.FromFieldsV1(Parse("{'f:z':{}}"))),
            new ManagedFieldsRecord("empty", ManagedFields.Update, "v1", null, null, new FieldSet()),
        ]);
        Assert.Equal(["z", "a", "b"], ManagedFields.Read(obj).Select(r => r.Manager));
    }

    [Fact]
    public void Status_can_be_ignored_for_the_main_resource()
    {
        var result = ManagedFields.RecordUpdate(null, Object("{'spec':{'replicas':1},'status':{'replicas':1}}"), "m", typeof(TestDeployment), T1, ignoredFields: ["status"]);
        Assert.Equal("{\"f:spec\":{\"f:replicas\":{}}}", ManagedFields.Read(result).Single().Fields.ToString());
    }
}
