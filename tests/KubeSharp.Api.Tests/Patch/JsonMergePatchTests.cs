using KubeSharp.Api.Patch;
using static KubeSharp.Api.Tests.Patch.JsonText;

namespace KubeSharp.Api.Tests.Patch;

public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("{'a':'b'}", "{'a':'c'}", "{'a':'c'}")]
    [InlineData("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}")]
    [InlineData("{'a':'b'}", "{'a':null}", "{}")]
    [InlineData("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}")]
    [InlineData("{'a':['b']}", "{'a':'c'}", "{'a':'c'}")]
    [InlineData("{'a':'c'}", "{'a':['b']}", "{'a':['b']}")]
    [InlineData("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}")]
    [InlineData("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}")]
    [InlineData("['a','b']", "['c','d']", "['c','d']")]
    [InlineData("{'a':'b'}", "['c']", "['c']")]
    [InlineData("{'a':'foo'}", "null", "null")]
    [InlineData("{'a':'foo'}", "'bar'", "'bar'")]
    [InlineData("{'e':null}", "{'a':1}", "{'e':null,'a':1}")]
    [InlineData("[1,2]", "{'a':'b','c':null}", "{'a':'b'}")]
    [InlineData("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}")]
    public void Follows_the_rfc_7386_examples(string target, string patch, string expected)
    {
        AssertEqual(expected, JsonMergePatch.Apply(Parse(target), Parse(patch)));
    }

    [Fact]
    public void Label_removal_patch_deletes_only_that_label()
    {
        var result = JsonMergePatch.Apply(
            Object("{'metadata':{'labels':{'a':'1','b':'2'}}}"),
            Json("{'metadata':{'labels':{'a':null}}}"));
        AssertEqual("{'metadata':{'labels':{'b':'2'}}}", result);
    }

    [Fact]
    public void Lists_are_replaced_whole()
    {
        var result = JsonMergePatch.Apply(
            Object("{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}"),
            Json("{'spec':{'containers':[{'name':'c'}]}}"));
        AssertEqual("{'spec':{'containers':[{'name':'c'}]}}", result);
    }

    [Fact]
    public void Input_is_not_modified()
    {
        var target = Object("{'a':{'b':1}}");
        JsonMergePatch.Apply(target, Json("{'a':{'b':2}}"));
        AssertEqual("{'a':{'b':1}}", target);
    }

    [Fact]
    public void Non_object_patch_for_an_api_object_is_400()
    {
        var error = Assert.Throws<PatchException>(() => JsonMergePatch.Apply(Object("{}"), "[1]"));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Undecodable_patch_is_400()
    {
        Assert.Equal(400, Assert.Throws<PatchException>(() => JsonMergePatch.Apply(Object("{}"), "{")).StatusCode);
    }

    [Fact]
    public void Created_patch_sets_changes_and_nulls_removals()
    {
        var patch = JsonMergePatch.CreateMergePatch(
            Parse("{'a':1,'b':{'c':1,'d':2},'e':[1],'f':'same'}"),
            Parse("{'a':2,'b':{'c':1},'e':[1,2],'f':'same','g':true}"));
        AssertEqual("{'a':2,'b':{'d':null},'e':[1,2],'g':true}", patch);
    }

    [Fact]
    public void Created_patch_of_equal_documents_is_empty()
    {
        AssertEqual("{}", JsonMergePatch.CreateMergePatch(Parse("{'a':{'b':[1]}}"), Parse("{'a':{'b':[1]}}")));
    }

    [Fact]
    public void Created_patch_round_trips()
    {
        var original = Parse("{'metadata':{'labels':{'x':'1'}},'spec':{'replicas':1,'paused':true}}");
        var modified = Parse("{'metadata':{'labels':{'y':'2'}},'spec':{'replicas':3}}");
        var patch = JsonMergePatch.CreateMergePatch(original, modified);
        AssertEqual(modified!.ToJsonString(), JsonMergePatch.Apply(original, patch));
    }

    [Fact]
    public void Created_patch_between_non_objects_is_the_modified_value()
    {
        AssertEqual("[2]", JsonMergePatch.CreateMergePatch(Parse("[1]"), Parse("[2]")));
    }
}
