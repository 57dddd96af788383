using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>
/// Structural JSON equality: objects compare member sets regardless of order, arrays compare in
/// order, numbers compare by value (1 equals 1.0), and a missing node (null reference) equals JSON null.
/// </summary>
public static class JsonEquality
{
    public static bool Equal(JsonNode? left, JsonNode? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is JsonValue leftValue && right is JsonValue rightValue
            && leftValue.TryGetValue<JsonElement>(out var leftElement) && rightValue.TryGetValue<JsonElement>(out var rightElement)
            && ParsedScalarsEqual(leftElement, rightElement) is { } scalarsEqual)
        {
            return scalarsEqual;
        }

        var leftKind = left?.GetValueKind() ?? JsonValueKind.Null;
        var rightKind = right?.GetValueKind() ?? JsonValueKind.Null;
        if (leftKind != rightKind)
        {
            return false;
        }

        switch (leftKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return left!.GetValue<string>() == right!.GetValue<string>();
            case JsonValueKind.Number:
                return NumbersEqual(left!.ToJsonString(), right!.ToJsonString());
            case JsonValueKind.Array:
                var leftArray = left!.AsArray();
                var rightArray = right!.AsArray();
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!Equal(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var leftObject = left!.AsObject();
                var rightObject = right!.AsObject();
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(name, out var other) || !Equal(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Equality of two parsed (JsonElement-backed) values without materializing strings: strings by
    /// their unescaped text, numbers with the same text; null when the general comparison must decide.
    /// </summary>
    private static bool? ParsedScalarsEqual(JsonElement left, JsonElement right)
    {
        var kind = left.ValueKind;
        if (kind != right.ValueKind)
        {
            return kind is JsonValueKind.Undefined || right.ValueKind is JsonValueKind.Undefined ? null : false;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                return JsonElement.DeepEquals(left, right);
            case JsonValueKind.Number when JsonMarshal.GetRawUtf8Value(left).SequenceEqual(JsonMarshal.GetRawUtf8Value(right)):
                return true;
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            default:
                return null;
        }
    }

    private static bool NumbersEqual(string left, string right)
    {
        if (left == right)
        {
            return true;
        }

        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
        {
            return l == r;
        }

        return double.Parse(left, CultureInfo.InvariantCulture) == double.Parse(right, CultureInfo.InvariantCulture);
    }
}
