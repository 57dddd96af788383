using System.Globalization;
using System.Text;

namespace KubeSharp.Node.Pods;

/// <summary>Formats a whole-second duration as Go's time.Duration.String does ("10s", "1m20s", "5m0s"), as messages show it.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds);
        if (seconds == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var hours = seconds / 3600;
        var minutes = seconds % 3600 / 60;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return text.Append((seconds % 60).ToString(CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
