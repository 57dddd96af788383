using System.Text.Json.Nodes;

namespace KubeSharp.Api.Tests.Serialization;

/// <summary>Request bodies recorded from the real kubectl 1.32 (see Fixtures/README.md).</summary>
internal static class Fixtures
{
    public static readonly string[] ProtobufNames =
    [
        "configmap-create", "secret-generic-create", "deployment-create", "resourcequota-create",
        "service-clusterip-create", "pdb-create", "cronjob-create",
    ];

    public static byte[] Protobuf(string name) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".pb.b64")));

    public static void AssertJsonEqual(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }
}
