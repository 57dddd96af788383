using System.Text.Json.Nodes;
using KubeSharp.Api.Patch;
using static KubeSharp.Api.Tests.Patch.JsonText;

namespace KubeSharp.Api.Tests.Patch;

public sealed class ManagedFieldsRecordingTests
{
    private static readonly DateTimeOffset T1 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Paths_that_no_longer_exist_are_dropped_and_the_rest_kept_with_their_members()
    {
        var fields = FieldSet.FromFieldsV1(JsonNode.Parse(Json(
            "{'f:metadata':{'f:labels':{'.':{},'f:app':{},'f:gone':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'a\\'}':{'.':{},'f:image':{}},'k:{\\'name\\':\\'b\\'}':{'.':{},'f:image':{}}}}}")));
        var obj = Object("{'metadata':{'labels':{'app':'x'}},'spec':{'containers':[{'name':'a','image':'i'}]}}");

        var kept = ManagedFields.WithoutRemoved(fields, obj);

        Assert.Equal(
            Json("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'a\\'}':{'.':{},'f:image':{}}}}}"),
            kept.ToString());
    }

    [Fact]
    public void A_set_whose_paths_are_all_gone_becomes_empty()
    {
        var fields = FieldSet.FromFieldsV1(JsonNode.Parse(Json("{'f:spec':{'f:replicas':{}}}")));
        Assert.True(ManagedFields.WithoutRemoved(fields, Object("{'metadata':{}}")).IsEmpty);
    }

    [Fact]
    public void Recording_in_place_changes_the_given_object_and_matches_recording_on_a_copy()
    {
        var live = ManagedFields.RecordUpdate(null, Object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'a':'1'}},'spec':{'containers':[{'name':'c','image':'i'}]}}"), "creator", typeof(TestPod), T1);
        var updated = (JsonObject)live.DeepClone();
        updated["spec"]!["containers"]![0]!["image"] = "j";

        var copy = ManagedFields.RecordUpdate(live, (JsonObject)updated.DeepClone(), "editor", typeof(TestPod), T1);
        var inPlace = ManagedFields.RecordUpdateInPlace(live, updated, "editor", typeof(TestPod), T1);

        Assert.Same(updated, inPlace);
        Assert.True(JsonEquality.Equal(copy, inPlace));
        Assert.Equal(["creator", "editor"], ManagedFields.Read(inPlace).Select(r => r.Manager));
    }

    [Fact]
    public void Sent_managed_fields_equal_to_the_live_ones_keep_the_live_ownership()
    {
        var live = ManagedFields.RecordUpdate(null, Object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'a':'1'}}}"), "creator", typeof(TestPod), T1);
        var updated = (JsonObject)live.DeepClone();
        updated["metadata"]!["labels"]!["b"] = "2";

        var result = ManagedFields.RecordUpdate(live, updated, "editor", typeof(TestPod), T1);

        var records = ManagedFields.Read(result);
        Assert.True(records.Single(r => r.Manager == "creator").Fields.Contains(["f:metadata", "f:labels", "f:a"]));
        Assert.True(records.Single(r => r.Manager == "editor").Fields.Contains(["f:metadata", "f:labels", "f:b"]));
    }

    [Fact]
    public void A_keyed_list_item_is_the_same_item_when_its_key_number_is_written_differently()
    {
        var live = ManagedFields.RecordUpdate(null, Object("{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80,'protocol':'TCP'}]}]}}"), "creator", typeof(TestPod), T1);
        var updated = Object("{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80.0,'protocol':'TCP'}]}]}}");
        updated["metadata"] = live["metadata"]!.DeepClone();

        var result = ManagedFields.RecordUpdate(live, updated, "editor", typeof(TestPod), T1);

        Assert.Equal(["creator"], ManagedFields.Read(result).Select(r => r.Manager));
    }

    [Fact]
    public void A_set_item_is_the_same_item_when_only_its_escaping_differs()
    {
        var live = ManagedFields.RecordUpdate(null, JsonNode.Parse("{\"metadata\":{\"finalizers\":[\"a/b\"]}}")!.AsObject(), "creator", typeof(TestPod), T1);
        var updated = JsonNode.Parse("{\"metadata\":{\"finalizers\":[\"a\\u002fb\"]}}")!.AsObject();
        updated["metadata"]!["managedFields"] = live["metadata"]!["managedFields"]!.DeepClone();

        var result = ManagedFields.RecordUpdate(live, updated, "editor", typeof(TestPod), T1);

        Assert.Equal(["creator"], ManagedFields.Read(result).Select(r => r.Manager));
    }

    [Theory]
    [InlineData("\"a/b\"", "\"a\\u002fb\"", true)]
    [InlineData("\"a\"", "\"b\"", false)]
    [InlineData("1", "1.0", true)]
    [InlineData("1e2", "100", true)]
    [InlineData("1", "2", false)]
    [InlineData("1", "\"1\"", false)]
    [InlineData("null", "null", true)]
    [InlineData("true", "false", false)]
    public void Parsed_scalars_compare_by_value(string left, string right, bool equal)
    {
        Assert.Equal(equal, JsonEquality.Equal(JsonNode.Parse(left), JsonNode.Parse(right)));
        Assert.Equal(equal, JsonEquality.Equal(JsonNode.Parse($"[{left}]"), JsonNode.Parse($"[{right}]")));
    }

    [Fact]
    public void Parsed_and_created_values_compare_by_value()
    {
        Assert.True(JsonEquality.Equal(JsonNode.Parse("\"x\""), JsonValue.Create("x")));
        Assert.True(JsonEquality.Equal(JsonNode.Parse("80"), JsonValue.Create(80)));
        Assert.False(JsonEquality.Equal(JsonNode.Parse("80"), JsonValue.Create(81)));
    }
}
