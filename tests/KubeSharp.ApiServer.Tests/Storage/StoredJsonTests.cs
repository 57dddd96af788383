using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Tests.Storage;

/// <summary>The watch cache serves a stored value with its resourceVersion spliced in, instead of re-encoding the object.</summary>
public sealed class StoredJsonTests
{
    private static readonly ResourceDefinition ConfigMaps = new ResourceCatalog(BuiltInStrategies.Create()).Get<ConfigMap>();

    [Fact]
    public void The_resource_version_is_added_to_the_stored_metadata()
    {
        var stored = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"k":"v"}}"""u8.ToArray();

        var json = WatchCache.WithResourceVersion(ConfigMaps, stored, "42");

        var node = JsonNode.Parse(json!)!;
        Assert.Equal("42", node["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("a", node["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("v", node["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public void An_empty_metadata_object_gets_only_the_resource_version()
    {
        var json = WatchCache.WithResourceVersion(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}"""u8.ToArray(), "7");

        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"resourceVersion":"7"}}""", Encoding.UTF8.GetString(json!));
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"3"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"}}""")]
    [InlineData("""{"metadata":{"name":"a"},"apiVersion":"v1","kind":"ConfigMap"}""")]
    public void A_stored_value_not_in_the_registry_form_is_re_encoded_instead(string stored)
    {
        Assert.Null(WatchCache.WithResourceVersion(ConfigMaps, Encoding.UTF8.GetBytes(stored), "9"));
    }

    [Fact]
    public void A_decoded_object_carries_the_same_resource_version_in_its_object_and_its_json()
    {
        var decoded = WatchCache.Decode(ConfigMaps, "/registry/core/configmaps/default/a", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"k":"v"}}"""u8.ToArray(), 12);

        Assert.Equal("12", decoded.Object.Metadata!.ResourceVersion);
        Assert.Equal("12", JsonNode.Parse(decoded.Json)!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }
}
