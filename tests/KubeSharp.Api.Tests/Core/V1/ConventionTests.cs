using System.Reflection;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Api.Tests.Core.V1;

public sealed class ConventionTests
{
    private static readonly string[] Namespaces = ["KubeSharp.Api.Core.V1", "KubeSharp.Api.Policy.V1", "KubeSharp.Api.Autoscaling.V1"];

    public static TheoryData<Type> ApiTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Pod).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsPublic && Namespaces.Contains(t.Namespace) && t != typeof(CoreV1Defaults)))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiTypes))]
    public void Every_field_is_nullable_and_numbered_uniquely(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var numbers = new HashSet<int>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var isNullable = property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : nullability.Create(property).WriteState == NullabilityState.Nullable;
            Assert.True(isNullable, $"{type.Name}.{property.Name} is not nullable");
            if (property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var proto = property.GetCustomAttribute<ProtoAttribute>();
            Assert.True(proto is not null, $"{type.Name}.{property.Name} has no field number");
            Assert.True(numbers.Add(proto.Number), $"{type.Name} uses field number {proto.Number} twice");
        }
    }

    [Theory]
    [MemberData(nameof(ApiTypes))]
    public void Top_level_kinds_name_themselves(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>();
        Assert.Equal(typeof(KubernetesObject).IsAssignableFrom(type), entity is not null);
        if (entity is not null)
        {
            Assert.Equal(type.Name, entity.Kind);
        }
    }

    [Fact]
    public void Pods_are_listed_like_kubernetes_discovery_lists_them()
    {
        var pods = typeof(Pod).GetCustomAttribute<KubernetesEntityAttribute>()!;

        Assert.Equal(("v1", "pods", true), (pods.ApiVersion, pods.Plural, pods.Namespaced));
        Assert.Equal(["po"], pods.ShortNames);
        Assert.Equal(["all"], pods.Categories);
        Assert.Contains("eviction", pods.Subresources);
        Assert.Contains("ephemeralcontainers", pods.Subresources);
    }

    [Fact]
    public void Inline_go_structs_are_base_classes_nested_at_their_field_number()
    {
        Assert.Equal(2, typeof(Volume).GetCustomAttribute<ProtoBaseAttribute>()!.Number);
        Assert.Equal(typeof(VolumeSource), typeof(Volume).BaseType);
        Assert.Equal(typeof(ProbeHandler), typeof(Probe).BaseType);
        Assert.Equal(typeof(PersistentVolumeSource), typeof(PersistentVolumeSpec).BaseType);
        Assert.Equal(typeof(EphemeralContainerCommon), typeof(EphemeralContainer).BaseType);
        Assert.Equal(typeof(LocalObjectReference), typeof(SecretKeySelector).BaseType);
    }
}
