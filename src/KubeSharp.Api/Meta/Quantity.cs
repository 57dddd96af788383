using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api;

/// <summary>
/// resource.Quantity: a decimal number with an SI ("500m", "2k"), binary ("128Mi") or exponent
/// ("1e3") suffix. Serialized in Kubernetes' canonical form.
/// </summary>
[JsonConverter(typeof(QuantityConverter))]
public sealed class Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    public enum Format
    {
        DecimalSI,
        BinarySI,
        DecimalExponent,
    }

    private static readonly (string Suffix, decimal Factor)[] BinarySuffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
    ];

    private static readonly (string Suffix, int Exponent)[] DecimalSuffixes =
    [
        ("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18),
    ];

    public Quantity(decimal value, Format format = Format.DecimalSI)
    {
        Value = value;
        QuantityFormat = format;
    }

    /// <summary>The numeric value in base units (cores, bytes, …).</summary>
    public decimal Value { get; }
    public Format QuantityFormat { get; }

    /// <summary>Value in thousandths, rounded up, as Kubernetes' MilliValue.</summary>
    public long MilliValue => (long)Math.Ceiling(Value * 1000m);

    /// <summary>Value rounded up to an integer, as Kubernetes' Value().</summary>
    public long IntegerValue => (long)Math.Ceiling(Value);

    public static Quantity Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");

    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.Trim();
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var digitsStart = i;
        var sawDigit = false;
        var sawDot = false;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || (s[i] == '.' && !sawDot)))
        {
            sawDot |= s[i] == '.';
            sawDigit |= char.IsAsciiDigit(s[i]);
            i++;
        }

        if (!sawDigit)
        {
            return false;
        }

        if (!decimal.TryParse(s.AsSpan(0, i), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        _ = digitsStart;
        var suffix = s[i..];
        if (suffix.Length > 0 && (suffix[0] == 'e' || suffix[0] == 'E') && suffix.Length > 1)
        {
            if (!int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp) || Math.Abs(exp) > 27)
            {
                return false;
            }

            quantity = new Quantity(Scale(number, exp), Format.DecimalExponent);
            return true;
        }

        foreach (var (suf, factor) in BinarySuffixes)
        {
            if (suffix == suf)
            {
                quantity = new Quantity(number * factor, Format.BinarySI);
                return true;
            }
        }

        foreach (var (suf, exp) in DecimalSuffixes)
        {
            if (suffix == suf)
            {
                quantity = new Quantity(Scale(number, exp), Format.DecimalSI);
                return true;
            }
        }

        return false;
    }

    private static decimal Scale(decimal number, int exponent)
    {
        var result = number;
        for (var e = 0; e < Math.Abs(exponent); e++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }

    /// <summary>Kubernetes' canonical form: the largest suffix that keeps the value an integer.</summary>
    public override string ToString()
    {
        var v = Value;
        if (v == 0)
        {
            return "0";
        }

        if (QuantityFormat == Format.BinarySI && v == decimal.Truncate(v) && Math.Abs(v) >= 1024)
        {
            for (var k = BinarySuffixes.Length - 1; k >= 0; k--)
            {
                var (suf, factor) = BinarySuffixes[k];
                if (v % factor == 0)
                {
                    return (v / factor).ToString("0", CultureInfo.InvariantCulture) + suf;
                }
            }
        }

        if (QuantityFormat == Format.BinarySI && v == decimal.Truncate(v))
        {
            return v.ToString("0", CultureInfo.InvariantCulture);
        }

        if (QuantityFormat == Format.DecimalExponent)
        {
            var exp = 0;
            var m = v;
            while (m == decimal.Truncate(m) && m % 1000 == 0 && exp < 18)
            {
                m /= 1000;
                exp += 3;
            }

            while (m != decimal.Truncate(m) && exp > -9)
            {
                m *= 1000;
                exp -= 3;
            }

            m = Math.Ceiling(m);
            return exp == 0 ? m.ToString("0", CultureInfo.InvariantCulture) : m.ToString("0", CultureInfo.InvariantCulture) + "e" + exp.ToString(CultureInfo.InvariantCulture);
        }

        // DecimalSI (and fractional binary values, which Kubernetes prints as decimal SI).
        for (var k = DecimalSuffixes.Length - 1; k >= 0; k--)
        {
            var (suf, exp) = DecimalSuffixes[k];
            var scaled = Scale(v, -exp);
            if (scaled == decimal.Truncate(scaled))
            {
                return scaled.ToString("0", CultureInfo.InvariantCulture) + suf;
            }
        }

        return Math.Ceiling(Scale(v, 9)).ToString("0", CultureInfo.InvariantCulture) + "n";
    }

    public static Quantity operator +(Quantity a, Quantity b) => new(a.Value + b.Value, a.QuantityFormat);
    public static Quantity operator -(Quantity a, Quantity b) => new(a.Value - b.Value, a.QuantityFormat);

    public bool Equals(Quantity? other) => other is not null && Value == other.Value;
    public override bool Equals(object? obj) => Equals(obj as Quantity);
    public override int GetHashCode() => Value.GetHashCode();
    public int CompareTo(Quantity? other) => other is null ? 1 : Value.CompareTo(other.Value);
}

public sealed class QuantityConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException("quantity must be a string or a number"),
        };
        return Quantity.TryParse(text, out var q)
            ? q
            : throw new JsonException("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
