using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api;

/// <summary>intstr.IntOrString: an integer or a string such as "25%" or a named port.</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed class IntOrString : IEquatable<IntOrString>
{
    private IntOrString(int? intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    public int? IntValue { get; }
    public string? StringValue { get; }
    public bool IsInt => IntValue.HasValue;

    public static IntOrString FromInt(int value) => new(value, null);
    public static IntOrString FromString(string value) => new(null, value);

    public static implicit operator IntOrString(int value) => FromInt(value);
    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// Resolves an absolute or percentage value against <paramref name="total"/> the way
    /// Kubernetes' GetScaledValueFromIntOrPercent does.
    /// </summary>
    public int Scaled(int total, bool roundUp)
    {
        if (IntValue is int i)
        {
            return i;
        }

        var s = StringValue ?? "0";
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"invalid value for IntOrString: invalid type: string is not a percentage");
        }

        var scaled = (double)percent * total / 100;
        return roundUp ? (int)Math.Ceiling(scaled) : (int)Math.Floor(scaled);
    }

    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? "";
    public bool Equals(IntOrString? other) => other is not null && IntValue == other.IntValue && StringValue == other.StringValue;
    public override bool Equals(object? obj) => Equals(obj as IntOrString);
    public override int GetHashCode() => HashCode.Combine(IntValue, StringValue);
}

public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var i) => IntOrString.FromInt(i),
        JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
        _ => throw new JsonException("expected an integer or a string"),
    };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is int i)
        {
            writer.WriteNumberValue(i);
        }
        else
        {
            writer.WriteStringValue(value.StringValue);
        }
    }
}
