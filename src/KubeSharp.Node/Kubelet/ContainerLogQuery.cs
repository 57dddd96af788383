using System.Globalization;
using KubeSharp.Node.Pods;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// The query of the kubelet's containerLogs (the same parameters as pods/{name}/log): follow, previous, timestamps,
/// tailLines, limitBytes, sinceTime (RFC 3339) or sinceSeconds.
/// </summary>
public static class ContainerLogQuery
{
    /// <exception cref="ArgumentException">A parameter is malformed or out of range (Kubernetes answers 400).</exception>
    public static ContainerLogOptions Parse(IQueryCollection query, DateTimeOffset now)
    {
        long? Number(string name, long minimum)
        {
            var text = query[name].ToString();
            if (text.Length == 0)
            {
                return null;
            }

            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
            {
                throw new ArgumentException($"{name}: Invalid value: \"{text}\"");
            }

            return value;
        }

        DateTimeOffset? since = null;
        var sinceTime = query["sinceTime"].ToString();
        if (sinceTime.Length > 0)
        {
            if (!DateTimeOffset.TryParse(sinceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                throw new ArgumentException($"sinceTime: Invalid value: \"{sinceTime}\"");
            }

            since = parsed;
        }

        var sinceSeconds = Number("sinceSeconds", 1);
        if (since is not null && sinceSeconds is not null)
        {
            throw new ArgumentException("at most one of sinceTime or sinceSeconds may be specified");
        }

        return new ContainerLogOptions
        {
            Follow = Flag(query, "follow"),
            Previous = Flag(query, "previous"),
            Timestamps = Flag(query, "timestamps"),
            TailLines = Number("tailLines", 0),
            LimitBytes = Number("limitBytes", 1),
            SinceTime = since ?? (sinceSeconds is { } s ? now.AddSeconds(-s) : null),
        };
    }

    /// <summary>A boolean query parameter as Kubernetes reads them ("true" or "1").</summary>
    public static bool Flag(IQueryCollection query, string name) => query[name].ToString() is "true" or "1" or "True";
}
