using System.Text.Json.Nodes;
using KubeSharp.Api.Patch;

namespace KubeSharp.Api.Tests.Patch;

/// <summary>Test JSON written with single quotes for readability.</summary>
internal static class JsonText
{
    public static JsonNode? Parse(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'));

    public static JsonObject Object(string singleQuoted) => (JsonObject)Parse(singleQuoted)!;

    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    /// <summary>Structural equality (member order ignored, array order kept).</summary>
    public static void AssertEqual(string expectedSingleQuoted, JsonNode? actual)
    {
        var expected = Parse(expectedSingleQuoted);
        Assert.True(
            JsonEquality.Equal(expected, actual),
            $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString() ?? "null"}");
    }
}
