using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Patch;

namespace KubeSharp.Api.Tests.Patch;

public sealed class ValueSchemaTests
{
    private static ValueSchema PodSpec => ValueSchema.For(typeof(TestPodSpec));

    [Fact]
    public void Json_names_are_camel_case_property_names()
    {
        Assert.Contains("terminationGracePeriodSeconds", PodSpec.Fields.Keys);
    }

    [Fact]
    public void JsonPropertyName_overrides_the_name()
    {
        Assert.Contains("serviceAccount", PodSpec.Fields.Keys);
        Assert.DoesNotContain("deprecatedServiceAccount", PodSpec.Fields.Keys);
    }

    [Fact]
    public void Merge_lists_carry_their_key()
    {
        var containers = PodSpec.Child("containers")!;
        Assert.Equal(ListStrategy.MergeByKey, containers.ListStrategy);
        Assert.Equal("name", containers.MergeKey);
        Assert.Equal(ValueShape.Struct, containers.Items!.Shape);
    }

    [Fact]
    public void Lists_without_strategy_are_atomic()
    {
        Assert.Equal(ListStrategy.Atomic, PodSpec.Child("tolerations")!.ListStrategy);
        Assert.Equal(ListStrategy.Atomic, PodSpec.Child("containers")!.Items!.Child("args")!.ListStrategy);
    }

    [Fact]
    public void Primitive_merge_lists_are_sets()
    {
        Assert.Equal(ListStrategy.Set, ValueSchema.For(typeof(ObjectMeta)).Child("finalizers")!.ListStrategy);
    }

    [Fact]
    public void Retain_keys_is_recorded()
    {
        Assert.True(PodSpec.Child("volumes")!.RetainKeys);
    }

    [Fact]
    public void Inline_base_class_fields_belong_to_the_same_object()
    {
        var volume = PodSpec.Child("volumes")!.Items!;
        Assert.Contains("name", volume.Fields.Keys);
        Assert.Contains("emptyDir", volume.Fields.Keys);
        Assert.Contains("hostPath", volume.Fields.Keys);
    }

    [Fact]
    public void Dictionaries_are_maps_of_their_value_type()
    {
        var limits = PodSpec.Child("containers")!.Items!.Child("resources")!.Child("limits")!;
        Assert.Equal(ValueShape.Map, limits.Shape);
        Assert.Equal(ValueShape.Scalar, limits.Child("cpu")!.Shape);
    }

    [Fact]
    public void Types_with_their_own_converter_are_scalars()
    {
        var rollingUpdate = ValueSchema.For(typeof(TestDeploymentStrategy)).Child("rollingUpdate")!;
        Assert.Equal(ValueShape.Scalar, rollingUpdate.Child("maxSurge")!.Shape);
    }

    [Fact]
    public void JsonElement_is_opaque()
    {
        Assert.Equal(ValueShape.Opaque, ValueSchema.For(typeof(TestWidget)).Child("spec")!.Shape);
    }

    [Fact]
    public void Kubernetes_object_base_fields_are_present_and_ignored_members_are_not()
    {
        var configMap = ValueSchema.For(typeof(ConfigMap));
        Assert.Contains("apiVersion", configMap.Fields.Keys);
        Assert.Contains("metadata", configMap.Fields.Keys);
        Assert.Contains("data", configMap.Fields.Keys);
        Assert.DoesNotContain("meta", configMap.Fields.Keys);
    }
}
