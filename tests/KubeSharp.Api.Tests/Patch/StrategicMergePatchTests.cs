using System.Text.Json.Nodes;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Patch;
using static KubeSharp.Api.Tests.Patch.JsonText;

namespace KubeSharp.Api.Tests.Patch;

public sealed class StrategicMergePatchTests
{
    private static JsonObject Patch(string original, string patch) =>
        StrategicMergePatch.Apply(Object(original), Json(patch), typeof(TestDeployment));

    private static JsonObject PatchPodSpec(string original, string patch) =>
        StrategicMergePatch.Apply(Object(original), Json(patch), typeof(TestPodSpec));

    private static PatchException Fails(string original, string patch) =>
        Assert.Throws<PatchException>(() => Patch(original, patch));

    // Maps

    [Fact]
    public void Maps_merge_recursively()
    {
        AssertEqual(
            "{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'replicas':3,'paused':true}}",
            Patch("{'metadata':{'labels':{'a':'1'}},'spec':{'replicas':1,'paused':true}}", "{'metadata':{'labels':{'b':'2'}},'spec':{'replicas':3}}"));
    }

    [Fact]
    public void Null_deletes_a_field()
    {
        AssertEqual("{'metadata':{'labels':{'b':'2'}}}", Patch("{'metadata':{'labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'a':null}}}"));
    }

    [Fact]
    public void Null_for_a_missing_field_is_ignored()
    {
        AssertEqual("{'spec':{}}", Patch("{'spec':{}}", "{'spec':{'replicas':null}}"));
    }

    [Fact]
    public void New_objects_are_added_without_their_nulls()
    {
        AssertEqual("{'spec':{'replicas':2}}", Patch("{}", "{'spec':{'replicas':2,'paused':null}}"));
    }

    [Fact]
    public void Rollout_restart_adds_the_restartedAt_annotation()
    {
        var result = Patch(
            "{'spec':{'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx','image':'nginx'}]}}}}",
            "{'spec':{'template':{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'2026-01-01T00:00:00Z'}}}}}");
        AssertEqual(
            "{'spec':{'template':{'metadata':{'labels':{'app':'web'},'annotations':{'kubectl.kubernetes.io/restartedAt':'2026-01-01T00:00:00Z'}},'spec':{'containers':[{'name':'nginx','image':'nginx'}]}}}}",
            result);
    }

    [Fact]
    public void Patch_replace_on_a_map_replaces_it()
    {
        AssertEqual(
            "{'spec':{'template':{'spec':{'nodeSelector':{'zone':'b'}}}}}",
            Patch("{'spec':{'template':{'spec':{'nodeSelector':{'zone':'a','disk':'ssd'}}}}}", "{'spec':{'template':{'spec':{'nodeSelector':{'$patch':'replace','zone':'b'}}}}}"));
    }

    [Fact]
    public void Patch_replace_on_the_template_replaces_the_whole_template()
    {
        var result = Patch(
            "{'spec':{'replicas':1,'template':{'metadata':{'labels':{'a':'1'}},'spec':{'containers':[{'name':'x','image':'new'}]}}}}",
            "{'spec':{'template':{'$patch':'replace','spec':{'containers':[{'name':'x','image':'old'}]}}}}");
        AssertEqual("{'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'x','image':'old'}]}}}}", result);
    }

    [Fact]
    public void Patch_delete_on_a_map_empties_it()
    {
        AssertEqual("{'metadata':{'labels':{}}}", Patch("{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{'$patch':'delete'}}}"));
    }

    [Fact]
    public void Patch_merge_on_a_map_is_the_default_behaviour()
    {
        AssertEqual("{'metadata':{'labels':{'a':'1','b':'2'}}}", Patch("{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{'$patch':'merge','b':'2'}}}"));
    }

    [Fact]
    public void Unknown_patch_type_is_400()
    {
        Assert.Equal(400, Fails("{'metadata':{}}", "{'metadata':{'$patch':'explode'}}").StatusCode);
    }

    [Fact]
    public void Unknown_directive_is_400()
    {
        Assert.Equal(400, Fails("{'spec':{}}", "{'spec':{'$frobnicate':1}}").StatusCode);
    }

    [Fact]
    public void Patch_that_is_not_an_object_is_400()
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Object("{}"), "[1]", typeof(TestDeployment)));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Undecodable_patch_is_400()
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Object("{}"), "{", typeof(TestDeployment)));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var original = Object("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'}]}}}}");
        var patch = Object("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}");
        StrategicMergePatch.Apply(original, patch, typeof(TestDeployment));
        AssertEqual("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'}]}}}}", original);
        AssertEqual("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}", patch);
    }

    // Lists merged by key

    [Fact]
    public void Kubectl_set_image_changes_only_the_named_container()
    {
        var result = Patch(
            "{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.24','ports':[{'containerPort':80}]},{'name':'side','image':'busybox'}]}}}}",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'nginx'},{'name':'side'}],'containers':[{'image':'nginx:1.25','name':'nginx'}]}}}}");
        AssertEqual(
            "{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80}]},{'name':'side','image':'busybox'}]}}}}",
            result);
    }

    [Fact]
    public void Kubectl_set_image_patch_with_a_single_container_order()
    {
        var result = Patch(
            "{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.24'}]}}}}",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'nginx'}],'containers':[{'image':'nginx:1.25','name':'nginx'}]}}}}");
        AssertEqual("{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.25'}]}}}}", result);
    }

    [Fact]
    public void Element_with_a_new_key_is_added_and_existing_elements_kept()
    {
        var result = PatchPodSpec("{'containers':[{'name':'a','image':'1'}]}", "{'containers':[{'name':'b','image':'2'}]}");
        Assert.Equal(2, result["containers"]!.AsArray().Count);
        Assert.Contains(result["containers"]!.AsArray(), c => (string?)c!["name"] == "a" && (string?)c["image"] == "1");
        Assert.Contains(result["containers"]!.AsArray(), c => (string?)c!["name"] == "b" && (string?)c["image"] == "2");
    }

    [Fact]
    public void Without_an_order_directive_new_elements_go_before_server_only_elements()
    {
        // Upstream ordering: patch items lead unless the server had an item in front of them.
        AssertEqual(
            "{'containers':[{'name':'c'},{'name':'a'},{'name':'b'}]}",
            PatchPodSpec("{'containers':[{'name':'a'},{'name':'b'}]}", "{'containers':[{'name':'c'}]}"));
    }

    [Fact]
    public void SetElementOrder_puts_a_new_element_where_kubectl_wants_it()
    {
        AssertEqual(
            "{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}",
            PatchPodSpec(
                "{'containers':[{'name':'a'},{'name':'b'}]}",
                "{'$setElementOrder/containers':[{'name':'a'},{'name':'b'},{'name':'c'}],'containers':[{'name':'c'}]}"));
    }

    [Fact]
    public void Without_an_order_directive_patch_order_wins_among_patched_elements()
    {
        AssertEqual(
            "{'containers':[{'name':'2','image':'b'},{'name':'3','image':'c'},{'name':'1','image':'a'}]}",
            PatchPodSpec(
                "{'containers':[{'name':'1'},{'name':'2','image':'b'},{'name':'3'}]}",
                "{'containers':[{'name':'3','image':'c'},{'name':'1','image':'a'}]}"));
    }

    [Fact]
    public void SetElementOrder_alone_reorders_a_list()
    {
        AssertEqual(
            "{'containers':[{'name':'b'},{'name':'a'}]}",
            PatchPodSpec("{'containers':[{'name':'a'},{'name':'b'}]}", "{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]}"));
    }

    [Fact]
    public void SetElementOrder_ignores_names_that_are_not_in_the_list()
    {
        AssertEqual(
            "{'containers':[{'name':'3','image':'x'},{'name':'1','image':'y'}]}",
            PatchPodSpec(
                "{'containers':[{'name':'1'},{'name':'3'}]}",
                "{'$setElementOrder/containers':[{'name':'3'},{'name':'2'},{'name':'1'}],'containers':[{'name':'3','image':'x'},{'name':'1','image':'y'}]}"));
    }

    [Fact]
    public void SetElementOrder_that_contradicts_the_patch_list_is_400()
    {
        var error = Assert.Throws<PatchException>(() => PatchPodSpec(
            "{'containers':[{'name':'1'},{'name':'3'},{'name':'2'}]}",
            "{'$setElementOrder/containers':[{'name':'1'},{'name':'2'},{'name':'3'}],'containers':[{'name':'3'},{'name':'1'}]}"));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("doesn't match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetElementOrder_that_is_not_a_list_is_400()
    {
        Assert.Equal(400, Assert.Throws<PatchException>(() => PatchPodSpec("{}", "{'$setElementOrder/containers':{}}")).StatusCode);
    }

    [Fact]
    public void Nested_merge_lists_merge_by_their_own_keys()
    {
        var result = PatchPodSpec(
            "{'containers':[{'name':'web','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}],'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}",
            "{'containers':[{'name':'web','ports':[{'containerPort':80,'protocol':'TCP'}],'env':[{'name':'B','value':'3'}]}]}");
        var web = result["containers"]![0]!;
        AssertEqual("[{'containerPort':80,'name':'http','protocol':'TCP'},{'containerPort':443}]", web["ports"]);
        AssertEqual("[{'name':'A','value':'1'},{'name':'B','value':'3'}]", web["env"]);
    }

    [Fact]
    public void Patch_delete_element_removes_the_keyed_element()
    {
        AssertEqual(
            "{'containers':[{'name':'web','env':[{'name':'B','value':'2'}]}]}",
            PatchPodSpec(
                "{'containers':[{'name':'web','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}",
                "{'containers':[{'name':'web','env':[{'name':'A','$patch':'delete'}]}]}"));
    }

    [Fact]
    public void Patch_delete_element_removes_every_duplicate()
    {
        AssertEqual(
            "{'containers':[{'name':'2','image':'a'}]}",
            PatchPodSpec(
                "{'containers':[{'name':'1'},{'name':'1'},{'name':'2','image':'a'},{'name':'3'},{'name':'3'}]}",
                "{'containers':[{'name':'1','$patch':'delete'},{'name':'3','$patch':'delete'}]}"));
    }

    [Fact]
    public void Patch_delete_element_without_the_merge_key_is_400()
    {
        Assert.Equal(400, Assert.Throws<PatchException>(() => PatchPodSpec("{'containers':[{'name':'a'}]}", "{'containers':[{'$patch':'delete'}]}")).StatusCode);
    }

    [Fact]
    public void Patch_replace_element_replaces_the_whole_list()
    {
        AssertEqual(
            "{'containers':[{'name':'c','image':'z'}]}",
            PatchPodSpec("{'containers':[{'name':'a'},{'name':'b'}]}", "{'containers':[{'$patch':'replace'},{'name':'c','image':'z'}]}"));
    }

    [Fact]
    public void Patch_replace_element_alone_empties_the_list()
    {
        AssertEqual("{'containers':[]}", PatchPodSpec("{'containers':[{'name':'a'}]}", "{'containers':[{'$patch':'replace'}]}"));
    }

    [Fact]
    public void Element_without_the_merge_key_is_400()
    {
        var error = Assert.Throws<PatchException>(() => PatchPodSpec("{'containers':[{'name':'a'}]}", "{'containers':[{'image':'x'}]}"));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("does not contain declared merge key: name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_patch_list_leaves_a_merge_list_alone()
    {
        AssertEqual("{'containers':[{'name':'a'}]}", PatchPodSpec("{'containers':[{'name':'a'}]}", "{'containers':[]}"));
    }

    [Fact]
    public void Null_deletes_a_merge_list()
    {
        AssertEqual("{}", PatchPodSpec("{'containers':[{'name':'a'}]}", "{'containers':null}"));
    }

    [Fact]
    public void Directives_inside_a_newly_added_list_are_resolved()
    {
        AssertEqual(
            "{'containers':[{'name':'a','env':[{'name':'X','value':'1'}]}]}",
            PatchPodSpec("{}", "{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','$patch':'delete'}]}]}"));
    }

    [Fact]
    public void Status_conditions_merge_by_type()
    {
        AssertEqual(
            "{'status':{'conditions':[{'type':'Available','status':'True'},{'type':'Progressing','status':'True','reason':'NewReplicaSetAvailable'}]}}",
            Patch(
                "{'status':{'conditions':[{'type':'Available','status':'False'},{'type':'Progressing','status':'True'}]}}",
                "{'status':{'$setElementOrder/conditions':[{'type':'Available'},{'type':'Progressing'}],'conditions':[{'type':'Available','status':'True'},{'type':'Progressing','reason':'NewReplicaSetAvailable'}]}}"));
    }

    [Fact]
    public void Owner_references_merge_by_uid()
    {
        AssertEqual(
            "{'metadata':{'ownerReferences':[{'uid':'1','kind':'A','controller':false},{'uid':'2','kind':'B'}]}}",
            Patch(
                "{'metadata':{'ownerReferences':[{'uid':'1','kind':'A','controller':true}]}}",
                "{'metadata':{'$setElementOrder/ownerReferences':[{'uid':'1'},{'uid':'2'}],'ownerReferences':[{'uid':'1','controller':false},{'uid':'2','kind':'B'}]}}"));
    }

    // Lists replaced whole

    [Fact]
    public void Args_and_command_are_replaced()
    {
        AssertEqual(
            "{'containers':[{'name':'a','args':['z'],'command':['sh']}]}",
            PatchPodSpec("{'containers':[{'name':'a','args':['x','y'],'command':['sh']}]}", "{'containers':[{'name':'a','args':['z']}]}"));
    }

    [Fact]
    public void Tolerations_are_replaced()
    {
        AssertEqual(
            "{'tolerations':[{'key':'b','operator':'Exists'}]}",
            PatchPodSpec("{'tolerations':[{'key':'a','operator':'Exists'}]}", "{'tolerations':[{'key':'b','operator':'Exists'}]}"));
    }

    // Primitive merge lists

    [Fact]
    public void Finalizers_merge_as_a_set()
    {
        AssertEqual(
            "{'metadata':{'finalizers':['a','b','c']}}",
            Patch("{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'$setElementOrder/finalizers':['a','b','c'],'finalizers':['b','c']}}"));
    }

    [Fact]
    public void Set_merge_does_not_duplicate_existing_values()
    {
        AssertEqual("{'metadata':{'finalizers':['a','b']}}", Patch("{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'finalizers':['a','b']}}"));
    }

    [Fact]
    public void Set_merge_without_order_keeps_patch_order_among_patched_values()
    {
        AssertEqual("{'metadata':{'finalizers':['b','c','a']}}", Patch("{'metadata':{'finalizers':['a','b','c']}}", "{'metadata':{'finalizers':['c','a']}}"));
    }

    [Fact]
    public void DeleteFromPrimitiveList_removes_values()
    {
        AssertEqual(
            "{'metadata':{'finalizers':['a','c']}}",
            Patch("{'metadata':{'finalizers':['a','b','c']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','x']}}"));
    }

    [Fact]
    public void DeleteFromPrimitiveList_and_setElementOrder_together_as_kubectl_sends_them()
    {
        AssertEqual(
            "{'metadata':{'finalizers':['c','a']}}",
            Patch(
                "{'metadata':{'finalizers':['a','b','c']}}",
                "{'metadata':{'$setElementOrder/finalizers':['c','a'],'$deleteFromPrimitiveList/finalizers':['b']}}"));
    }

    [Fact]
    public void SetElementOrder_on_a_primitive_list_with_values_not_present_ignores_them()
    {
        AssertEqual("{'metadata':{'finalizers':['c','a']}}", Patch("{'metadata':{'finalizers':['a','c']}}", "{'metadata':{'$setElementOrder/finalizers':['c','b','a']}}"));
    }

    [Fact]
    public void DeleteFromPrimitiveList_that_is_not_a_list_is_400()
    {
        Assert.Equal(400, Fails("{'metadata':{'finalizers':['a']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}").StatusCode);
    }

    [Fact]
    public void Lists_of_lists_in_a_merge_list_are_422()
    {
        Assert.Equal(422, Fails("{'metadata':{'finalizers':['a']}}", "{'metadata':{'finalizers':[['b']]}}").StatusCode);
    }

    // retainKeys

    [Fact]
    public void RetainKeys_clears_fields_not_listed()
    {
        AssertEqual(
            "{'spec':{'strategy':{'type':'Recreate'}}}",
            Patch(
                "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
                "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"));
    }

    [Fact]
    public void RetainKeys_on_a_volume_switches_its_source()
    {
        AssertEqual(
            "{'volumes':[{'name':'data','hostPath':{'path':'/tmp'}}]}",
            PatchPodSpec(
                "{'volumes':[{'name':'data','emptyDir':{}}]}",
                "{'volumes':[{'$retainKeys':['hostPath','name'],'name':'data','hostPath':{'path':'/tmp'}}]}"));
    }

    [Fact]
    public void RetainKeys_keeps_listed_fields_merging_them()
    {
        AssertEqual(
            "{'volumes':[{'name':'data','hostPath':{'path':'/tmp','type':'Directory'}}]}",
            PatchPodSpec(
                "{'volumes':[{'name':'data','hostPath':{'path':'/tmp'}}]}",
                "{'volumes':[{'$retainKeys':['hostPath','name'],'name':'data','hostPath':{'type':'Directory'}}]}"));
    }

    [Fact]
    public void Patch_field_missing_from_retainKeys_is_400()
    {
        var error = Fails("{'spec':{'strategy':{}}}", "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':{}}}}");
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid patch format of retainKeys", error.Message);
    }

    [Fact]
    public void RetainKeys_that_is_not_a_list_of_strings_is_400()
    {
        Assert.Equal(400, Fails("{'spec':{'strategy':{}}}", "{'spec':{'strategy':{'$retainKeys':'type'}}}").StatusCode);
    }

    // Client-side apply

    [Fact]
    public void Client_side_apply_patch_with_nulls_and_last_applied()
    {
        var live = "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm1','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old','other':'x'},'labels':{'gone':'1'}},'data':{'a':'1','b':'2'}}";
        var patch = "{'data':{'a':'2','b':null,'c':'3'},'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'},'labels':null}}";
        var result = StrategicMergePatch.Apply(Object(live), Json(patch), typeof(ConfigMap));
        AssertEqual(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm1','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new','other':'x'}},'data':{'a':'2','c':'3'}}",
            result);
    }

    [Fact]
    public void Client_side_apply_removing_a_container_and_a_port()
    {
        var result = Patch(
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80},{'containerPort':81}]},{'name':'b'}]}}}}",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'a'}],'containers':[{'$setElementOrder/ports':[{'containerPort':80}],'name':'a','ports':[{'$patch':'delete','containerPort':81}]},{'$patch':'delete','name':'b'}]}}}}");
        AssertEqual("{'spec':{'template':{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80}]}]}}}}", result);
    }

    // Untyped content

    [Fact]
    public void Opaque_json_merges_maps_and_replaces_lists()
    {
        var result = StrategicMergePatch.Apply(
            Object("{'spec':{'a':{'x':1,'y':2},'l':[1,2]}}"),
            Json("{'spec':{'a':{'y':null,'z':3},'l':[3]}}"),
            typeof(TestWidget));
        AssertEqual("{'spec':{'a':{'x':1,'z':3},'l':[3]}}", result);
    }

    [Fact]
    public void A_declared_field_named_like_a_directive_is_data()
    {
        var result = StrategicMergePatch.Apply(Object("{'$ref':'a'}"), Json("{'$ref':'b'}"), typeof(TestWidget));
        AssertEqual("{'$ref':'b'}", result);
    }

    [Fact]
    public void Map_values_use_the_dictionary_value_type()
    {
        var result = StrategicMergePatch.Apply(
            Object("{'named':{'one':{'name':'n','value':'1'}}}"),
            Json("{'named':{'one':{'value':'2'},'two':{'name':'m'}}}"),
            typeof(TestWidget));
        AssertEqual("{'named':{'one':{'name':'n','value':'2'},'two':{'name':'m'}}}", result);
    }

    [Fact]
    public void A_scalar_replacing_an_object_replaces_it()
    {
        AssertEqual("{'spec':{'template':'x'}}", Patch("{'spec':{'template':{'metadata':{}}}}", "{'spec':{'template':'x'}}"));
    }

    [Fact]
    public void Merged_objects_keep_their_member_order()
    {
        var result = Patch("{'apiVersion':'apps/v1','metadata':{'name':'x'},'spec':{'replicas':1,'paused':false}}", "{'spec':{'replicas':2},'metadata':{'labels':{'a':'b'}}}");
        Assert.Equal(["apiVersion", "metadata", "spec"], result.Select(p => p.Key));
        Assert.Equal(["replicas", "paused"], result["spec"]!.AsObject().Select(p => p.Key));
    }
}
