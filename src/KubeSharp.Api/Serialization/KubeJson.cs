using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api;

/// <summary>The JSON conventions of the Kubernetes API: camelCase names, nulls omitted, RFC 3339 times.</summary>
public static class KubeJson
{
    /// <summary>Options for reading and writing API objects. Unknown fields are ignored here;
    /// field validation (Strict/Warn) is a separate pass over the raw document.</summary>
    public static readonly JsonSerializerOptions Options = Create(writeIndented: false);

    /// <summary>Like <see cref="Options"/>, indented (for files and humans).</summary>
    public static readonly JsonSerializerOptions Indented = Create(writeIndented: true);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = writeIndented,
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = true,
        };
        options.Converters.Add(new TimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, Options);
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
    public static object? Deserialize(ReadOnlySpan<byte> utf8, Type type) => JsonSerializer.Deserialize(utf8, type, Options);
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
    public static byte[] SerializeToUtf8Bytes(object value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
