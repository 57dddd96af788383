using System.Text.Json.Nodes;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Api.Tests.Core.V1;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData("pod.json", typeof(Pod))]
    [InlineData("node.json", typeof(KubeSharp.Api.Core.V1.Node))]
    [InlineData("service.json", typeof(Service))]
    [InlineData("event.json", typeof(Event))]
    [InlineData("persistentvolume.json", typeof(PersistentVolume))]
    [InlineData("persistentvolumeclaim.json", typeof(PersistentVolumeClaim))]
    [InlineData("replicationcontroller.json", typeof(ReplicationController))]
    [InlineData("secret.json", typeof(Secret))]
    [InlineData("namespace.json", typeof(Namespace))]
    [InlineData("endpoints.json", typeof(Endpoints))]
    [InlineData("resourcequota.json", typeof(ResourceQuota))]
    [InlineData("limitrange.json", typeof(LimitRange))]
    [InlineData("serviceaccount.json", typeof(ServiceAccount))]
    [InlineData("binding.json", typeof(Binding))]
    [InlineData("componentstatus.json", typeof(ComponentStatus))]
    [InlineData("podtemplate.json", typeof(PodTemplate))]
    public void Document_survives_a_round_trip_without_losing_a_field(string fileName, Type kind)
    {
        var json = Documents.Read(fileName);
        var expected = Documents.ParseWithoutNulls(json);

        var obj = KubeJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json), kind)!;
        var actual = JsonNode.Parse(KubeJson.SerializeToUtf8Bytes(obj, kind))!;

        Assert.True(JsonNode.DeepEquals(expected, actual), Difference(expected, actual, "$"));
    }

    private static string Difference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        return $"{path}.{key} was lost";
                    }

                    var d = Difference(value, a[key], $"{path}.{key}");
                    if (d.Length > 0)
                    {
                        return d;
                    }
                }

                foreach (var (key, _) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        return $"{path}.{key} was added";
                    }
                }

                return "";
            case JsonArray e when actual is JsonArray a && e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    var d = Difference(e[i], a[i], $"{path}[{i}]");
                    if (d.Length > 0)
                    {
                        return d;
                    }
                }

                return "";
            default:
                return JsonNode.DeepEquals(expected, actual) ? "" : $"{path}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}";
        }
    }
}
