using System.Globalization;

namespace KubeSharp.Controllers;

/// <summary>
/// Durations written as Go writes them ("15s", "1m30s", "500ms", "2h"): how Kubernetes components take duration
/// flags and how metrics.k8s.io writes a measurement window.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ];

    /// <summary>Parses a sequence of decimal numbers each followed by a unit; "0" alone is zero.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        var negative = false;
        if (span[0] is '-' or '+')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span is "0")
        {
            return true;
        }

        var seconds = 0.0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
            {
                unitLength++;
            }

            var unit = span[..unitLength].ToString();
            var match = Array.FindIndex(Units, u => u.Unit == unit);
            if (match < 0)
            {
                return false;
            }

            seconds += number * Units[match].Seconds;
            span = span[unitLength..];
        }

        duration = TimeSpan.FromSeconds(negative ? -seconds : seconds);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>; throws <see cref="FormatException"/> on text that is not a duration.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"invalid duration \"{text}\" (expected e.g. 15s, 1m30s, 500ms)");
}
