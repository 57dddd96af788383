using System.Text.Json.Nodes;
using KubeSharp.Api.Patch;
using static KubeSharp.Api.Tests.Patch.JsonText;

namespace KubeSharp.Api.Tests.Patch;

public sealed class JsonPatchTests
{
    private static JsonNode? Apply(string document, string patch) => JsonPatch.Apply(Parse(document), Json(patch));

    private static PatchException Fails(string document, string patch) =>
        Assert.Throws<PatchException>(() => Apply(document, patch));

    [Fact]
    public void Add_creates_an_object_member()
    {
        AssertEqual("{'a':1,'b':{'c':2}}", Apply("{'a':1}", "[{'op':'add','path':'/b','value':{'c':2}}]"));
    }

    [Fact]
    public void Add_replaces_an_existing_member()
    {
        AssertEqual("{'a':2}", Apply("{'a':1}", "[{'op':'add','path':'/a','value':2}]"));
    }

    [Fact]
    public void Add_inserts_into_an_array_before_the_index()
    {
        AssertEqual("{'l':['x','y','z']}", Apply("{'l':['x','z']}", "[{'op':'add','path':'/l/1','value':'y'}]"));
    }

    [Fact]
    public void Add_with_dash_appends_to_an_array()
    {
        AssertEqual("{'l':[1,2,3]}", Apply("{'l':[1,2]}", "[{'op':'add','path':'/l/-','value':3}]"));
    }

    [Fact]
    public void Add_at_index_equal_to_length_appends()
    {
        AssertEqual("{'l':[1,2]}", Apply("{'l':[1]}", "[{'op':'add','path':'/l/1','value':2}]"));
    }

    [Fact]
    public void Add_past_the_end_of_an_array_is_422()
    {
        var error = Fails("{'l':[1]}", "[{'op':'add','path':'/l/3','value':2}]");
        Assert.Equal(422, error.StatusCode);
        Assert.Contains("invalid index", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("-1")]
    [InlineData("x")]
    public void Array_indexes_must_be_plain_decimal(string index)
    {
        var error = Fails("{'l':[1,2]}", "[{'op':'add','path':'/l/" + index + "','value':0}]");
        Assert.Equal(422, error.StatusCode);
    }

    [Fact]
    public void Add_with_a_missing_parent_is_422_naming_the_path()
    {
        var error = Fails("{}", "[{'op':'add','path':'/spec/replicas','value':3}]");
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("add operation does not apply: doc is missing path: \"/spec/replicas\": missing value", error.Message);
    }

    [Fact]
    public void Add_with_the_empty_path_replaces_the_document()
    {
        AssertEqual("{'b':1}", Apply("{'a':1}", "[{'op':'add','path':'','value':{'b':1}}]"));
    }

    [Fact]
    public void Pointer_escapes_name_members_with_slash_and_tilde()
    {
        var result = Apply(
            "{'metadata':{'annotations':{}}}",
            "[{'op':'add','path':'/metadata/annotations/example.com~1a~0b','value':'v'}]");
        AssertEqual("{'metadata':{'annotations':{'example.com/a~b':'v'}}}", result);
    }

    [Fact]
    public void Remove_deletes_a_member()
    {
        AssertEqual("{'a':1}", Apply("{'a':1,'b':2}", "[{'op':'remove','path':'/b'}]"));
    }

    [Fact]
    public void Remove_deletes_an_array_element_and_shifts_the_rest()
    {
        AssertEqual("[1,3]", Apply("[1,2,3]", "[{'op':'remove','path':'/1'}]"));
    }

    [Fact]
    public void Remove_of_a_missing_member_is_422()
    {
        var error = Fails("{'a':{}}", "[{'op':'remove','path':'/a/b'}]");
        Assert.Equal(422, error.StatusCode);
        Assert.Contains("Unable to remove nonexistent key: b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_of_the_array_end_marker_is_422()
    {
        Assert.Equal(422, Fails("{'l':[1]}", "[{'op':'remove','path':'/l/-'}]").StatusCode);
    }

    [Fact]
    public void Replace_changes_an_existing_value()
    {
        AssertEqual("{'spec':{'replicas':5}}", Apply("{'spec':{'replicas':1}}", "[{'op':'replace','path':'/spec/replicas','value':5}]"));
    }

    [Fact]
    public void Replace_of_a_missing_member_is_422()
    {
        var error = Fails("{'spec':{}}", "[{'op':'replace','path':'/spec/replicas','value':5}]");
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("replace operation does not apply: doc is missing key: /spec/replicas: missing value", error.Message);
    }

    [Fact]
    public void Replace_can_set_null()
    {
        AssertEqual("{'a':null}", Apply("{'a':1}", "[{'op':'replace','path':'/a','value':null}]"));
    }

    [Fact]
    public void Move_removes_from_the_source_and_adds_at_the_target()
    {
        AssertEqual("{'b':{'x':1},'c':{}}", Apply("{'a':{'x':1},'c':{}}", "[{'op':'move','from':'/a','path':'/b'}]"));
    }

    [Fact]
    public void Move_within_an_array_reorders()
    {
        AssertEqual("[2,3,1]", Apply("[1,2,3]", "[{'op':'move','from':'/0','path':'/-'}]"));
    }

    [Fact]
    public void Move_into_its_own_child_is_422()
    {
        Assert.Equal(422, Fails("{'a':{'b':{}}}", "[{'op':'move','from':'/a','path':'/a/b/c'}]").StatusCode);
    }

    [Fact]
    public void Move_from_a_missing_location_is_422()
    {
        Assert.Equal(422, Fails("{}", "[{'op':'move','from':'/a','path':'/b'}]").StatusCode);
    }

    [Fact]
    public void Copy_duplicates_a_value_independently()
    {
        var result = Apply("{'a':{'x':1}}", "[{'op':'copy','from':'/a','path':'/b'},{'op':'replace','path':'/b/x','value':2}]");
        AssertEqual("{'a':{'x':1},'b':{'x':2}}", result);
    }

    [Fact]
    public void Test_passes_on_an_equal_value_including_numeric_equivalence()
    {
        AssertEqual("{'a':1.0,'b':[1,{'c':'d'}]}", Apply(
            "{'a':1.0,'b':[1,{'c':'d'}]}",
            "[{'op':'test','path':'/a','value':1},{'op':'test','path':'/b','value':[1,{'c':'d'}]}]"));
    }

    [Fact]
    public void Failing_test_is_422_with_the_kubernetes_message()
    {
        var error = Fails("{'spec':{'replicas':1}}", "[{'op':'test','path':'/spec/replicas','value':2}]");
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("testing value /spec/replicas failed: test failed", error.Message);
    }

    [Fact]
    public void Test_of_a_missing_value_fails()
    {
        Assert.Equal(422, Fails("{}", "[{'op':'test','path':'/a','value':null}]").StatusCode);
    }

    [Fact]
    public void Operations_apply_in_order_and_all_or_nothing()
    {
        var document = Parse("{'a':1}");
        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, Json("[{'op':'replace','path':'/a','value':2},{'op':'test','path':'/a','value':3}]")));
        AssertEqual("{'a':1}", document);
    }

    [Fact]
    public void The_input_document_is_not_modified()
    {
        var document = Parse("{'a':{'b':1}}");
        var result = JsonPatch.Apply(document, Json("[{'op':'remove','path':'/a/b'}]"));
        AssertEqual("{'a':{'b':1}}", document);
        AssertEqual("{'a':{}}", result);
    }

    [Fact]
    public void Unknown_operation_is_422()
    {
        var error = Fails("{}", "[{'op':'frobnicate','path':'/a'}]");
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("Unexpected kind: frobnicate", error.Message);
    }

    [Fact]
    public void Missing_path_is_422()
    {
        Assert.Equal(422, Fails("{}", "[{'op':'add','value':1}]").StatusCode);
    }

    [Fact]
    public void Missing_value_for_add_is_422()
    {
        Assert.Equal(422, Fails("{}", "[{'op':'add','path':'/a'}]").StatusCode);
    }

    [Fact]
    public void A_patch_that_is_not_an_array_is_400()
    {
        Assert.Equal(400, Fails("{}", "{'op':'add','path':'/a','value':1}").StatusCode);
    }

    [Fact]
    public void Undecodable_patch_is_400()
    {
        Assert.Equal(400, Assert.Throws<PatchException>(() => JsonPatch.Apply(Parse("{}"), "[{")).StatusCode);
    }

    [Fact]
    public void More_than_ten_thousand_operations_is_413()
    {
        var operations = new JsonArray();
        for (var i = 0; i <= JsonPatch.MaxOperations; i++)
        {
            operations.Add(new JsonObject { ["op"] = "test", ["path"] = "", ["value"] = new JsonObject() });
        }

        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(new JsonObject(), operations));
        Assert.Equal(413, error.StatusCode);
    }

    [Fact]
    public void Rollout_undo_patch_replaces_template_and_annotations()
    {
        var result = Apply(
            "{'metadata':{'annotations':{'a':'1'}},'spec':{'template':{'spec':{'containers':[{'name':'c','image':'v2'}]}}}}",
            "[{'op':'replace','path':'/spec/template','value':{'spec':{'containers':[{'name':'c','image':'v1'}]}}},{'op':'replace','path':'/metadata/annotations','value':{'b':'2'}}]");
        AssertEqual("{'metadata':{'annotations':{'b':'2'}},'spec':{'template':{'spec':{'containers':[{'name':'c','image':'v1'}]}}}}", result);
    }
}
