using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KubeSharp.Api;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>Kubernetes' field-level validation rules (pkg/apis/core/validation and apimachinery), with its messages.</summary>
internal static partial class FieldRules
{
    public const string Immutable = "field is immutable";

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKeyRegex();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameCharsRegex();

    [GeneratedRegex("[a-z]")]
    private static partial Regex PortNameLetterRegex();

    public static FieldError NotFound(string field, string value) => new(field, "FieldValueNotFound", $"Not found: \"{value}\"");

    /// <summary>An Invalid error whose value is printed as Go prints it (maps, selectors), not quoted.</summary>
    public static FieldError InvalidRaw(string field, string printedValue, string detail) => new(field, "FieldValueInvalid", $"Invalid value: {printedValue}: {detail}");

    public static IEnumerable<FieldError> Dns1123Label(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return FieldError.Required(field);
            yield break;
        }

        foreach (var e in ObjectMetaValidation.Dns1123Label(value))
        {
            yield return FieldError.Invalid(field, value, e);
        }
    }

    public static IEnumerable<string> PortNumber(int port)
    {
        if (port is < 1 or > 65535)
        {
            yield return "must be between 1 and 65535, inclusive";
        }
    }

    /// <summary>An IANA service name as a port name (IsValidPortName).</summary>
    public static IEnumerable<string> PortName(string name)
    {
        if (name.Length is < 1 or > 15)
        {
            yield return "must be no more than 15 characters";
        }

        if (!PortNameCharsRegex().IsMatch(name))
        {
            yield return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
        }

        if (!PortNameLetterRegex().IsMatch(name))
        {
            yield return "must contain at least one letter (a-z)";
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            yield return "must not contain consecutive hyphens";
        }

        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
        {
            yield return "must not begin or end with a hyphen";
        }
    }

    public static IEnumerable<FieldError> NonNegative(string field, long? value)
    {
        if (value is < 0)
        {
            yield return FieldError.Invalid(field, value.Value, "must be greater than or equal to 0");
        }
    }

    /// <summary>A key of a ConfigMap or Secret (IsConfigMapKey).</summary>
    public static IEnumerable<string> ConfigMapKey(string key)
    {
        if (key.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }

        if (!ConfigMapKeyRegex().IsMatch(key))
        {
            yield return "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
        }

        if (key == ".")
        {
            yield return "must not be '.'";
        }
        else if (key == "..")
        {
            yield return "must not be '..'";
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            yield return "must not start with '..'";
        }
    }

    /// <summary>Whether two values serialize to the same JSON (Kubernetes compares with DeepEqual).</summary>
    public static bool SameJson<TValue>(TValue a, TValue b) =>
        JsonSerializer.Serialize(a, KubeJson.Options) == JsonSerializer.Serialize(b, KubeJson.Options);

    /// <summary>A Go map[string]string as %#v prints it: <c>map[string]string{"a":"b"}</c>, keys sorted.</summary>
    public static string GoMap(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return "map[string]string(nil)";
        }

        var b = new StringBuilder("map[string]string{");
        b.AppendJoin(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"\"{kv.Key}\":\"{kv.Value}\""));
        return b.Append('}').ToString();
    }

    /// <summary>A label selector as its generated String() prints it in Kubernetes' error messages.</summary>
    public static string GoSelector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return "null";
        }

        var b = new StringBuilder("&LabelSelector{MatchLabels:map[string]string{");
        foreach (var (k, v) in (selector.MatchLabels ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            b.Append(k).Append(": ").Append(v).Append(',');
        }

        b.Append("},MatchExpressions:[]LabelSelectorRequirement{");
        foreach (var e in selector.MatchExpressions ?? [])
        {
            b.Append("LabelSelectorRequirement{Key:").Append(e.Key).Append(",Operator:").Append(e.Operator)
                .Append(",Values:[").AppendJoin(" ", e.Values ?? []).Append("],},");
        }

        return b.Append("},}").ToString();
    }

    public static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
}
