using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.ApiExtensions.V1;

/// <summary>
/// The value of "items": one schema for every element, or (JSON Schema tuple form) a list of
/// schemas. In JSON it is the schema object or the array itself.
/// </summary>
[JsonConverter(typeof(JSONSchemaPropsOrArrayConverter))]
public sealed class JSONSchemaPropsOrArray
{
    [Proto(1)] public JSONSchemaProps? Schema { get; set; }
    [Proto(2)] public List<JSONSchemaProps>? JSONSchemas { get; set; }
}

/// <summary>
/// The value of "additionalProperties"/"additionalItems": true, false or a schema. In JSON it is
/// the boolean or the schema object; a schema implies Allows.
/// </summary>
[JsonConverter(typeof(JSONSchemaPropsOrBoolConverter))]
public sealed class JSONSchemaPropsOrBool
{
    [Proto(1)] public bool? Allows { get; set; }
    [Proto(2)] public JSONSchemaProps? Schema { get; set; }
}

/// <summary>A "dependencies" entry: a schema, or the names of properties that must also be present.</summary>
[JsonConverter(typeof(JSONSchemaPropsOrStringArrayConverter))]
public sealed class JSONSchemaPropsOrStringArray
{
    [Proto(1)] public JSONSchemaProps? Schema { get; set; }
    [Proto(2)] public List<string>? Property { get; set; }
}

public sealed class JSONSchemaPropsOrArrayConverter : JsonConverter<JSONSchemaPropsOrArray>
{
    public override JSONSchemaPropsOrArray Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.StartObject => new() { Schema = JsonSerializer.Deserialize<JSONSchemaProps>(ref reader, options) },
        JsonTokenType.StartArray => new() { JSONSchemas = JsonSerializer.Deserialize<List<JSONSchemaProps>>(ref reader, options) },
        _ => throw new JsonException("items must be a JSON schema or an array of JSON schemas"),
    };

    public override void Write(Utf8JsonWriter writer, JSONSchemaPropsOrArray value, JsonSerializerOptions options)
    {
        if (value.JSONSchemas is { Count: > 0 })
        {
            JsonSerializer.Serialize(writer, value.JSONSchemas, options);
        }
        else if (value.Schema is not null)
        {
            JsonSerializer.Serialize(writer, value.Schema, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

public sealed class JSONSchemaPropsOrBoolConverter : JsonConverter<JSONSchemaPropsOrBool>
{
    public override JSONSchemaPropsOrBool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.StartObject => new() { Allows = true, Schema = JsonSerializer.Deserialize<JSONSchemaProps>(ref reader, options) },
        JsonTokenType.True => new() { Allows = true },
        JsonTokenType.False => new() { Allows = false },
        _ => throw new JsonException("boolean or JSON schema expected"),
    };

    public override void Write(Utf8JsonWriter writer, JSONSchemaPropsOrBool value, JsonSerializerOptions options)
    {
        if (value.Schema is not null)
        {
            JsonSerializer.Serialize(writer, value.Schema, options);
        }
        else
        {
            writer.WriteBooleanValue(value.Allows == true);
        }
    }
}

public sealed class JSONSchemaPropsOrStringArrayConverter : JsonConverter<JSONSchemaPropsOrStringArray>
{
    public override JSONSchemaPropsOrStringArray Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return new() { Schema = JsonSerializer.Deserialize<JSONSchemaProps>(ref reader, options) };
            case JsonTokenType.StartArray:
                return new() { Property = JsonSerializer.Deserialize<List<string>>(ref reader, options) };
            default:
                // Anything else means "no constraint", as Kubernetes reads it.
                reader.Skip();
                return new();
        }
    }

    public override void Write(Utf8JsonWriter writer, JSONSchemaPropsOrStringArray value, JsonSerializerOptions options)
    {
        if (value.Property is { Count: > 0 })
        {
            JsonSerializer.Serialize(writer, value.Property, options);
        }
        else if (value.Schema is not null)
        {
            JsonSerializer.Serialize(writer, value.Schema, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
