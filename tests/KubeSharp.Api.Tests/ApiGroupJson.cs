using System.Text.Json.Nodes;

namespace KubeSharp.Api.Tests;

/// <summary>Assertions that a document survives a trip through the typed model unchanged.</summary>
internal static class ApiGroupJson
{
    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/>, writes it back and returns the object.</summary>
    public static T AssertRoundTripLossless<T>(string json)
    {
        var typed = KubeJson.Deserialize<T>(json);
        Assert.NotNull(typed);
        var written = KubeJson.Serialize(typed);
        var expected = JsonNode.Parse(json);
        var actual = JsonNode.Parse(written);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"round trip changed the document:\nexpected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
        return typed;
    }
}
