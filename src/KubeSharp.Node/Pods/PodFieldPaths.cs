using System.Globalization;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Node.Pods;

/// <summary>The downward API: values of a pod's fields (fieldRef) and of its containers' resources (resourceFieldRef).</summary>
internal static class PodFieldPaths
{
    /// <summary>The value of <paramref name="fieldPath"/>; throws for a path the downward API does not offer.</summary>
    public static string Resolve(Pod pod, string fieldPath, string? hostIP, string? podIP)
    {
        var meta = pod.Metadata;
        if (TrySubscript(fieldPath, "metadata.labels", out var label))
        {
            return meta?.Labels?.GetValueOrDefault(label) ?? "";
        }

        if (TrySubscript(fieldPath, "metadata.annotations", out var annotation))
        {
            return meta?.Annotations?.GetValueOrDefault(annotation) ?? "";
        }

        return fieldPath switch
        {
            "metadata.name" => meta?.Name ?? "",
            "metadata.namespace" => meta?.Namespace ?? "",
            "metadata.uid" => meta?.Uid ?? "",
            "metadata.labels" => FormatMap(meta?.Labels),
            "metadata.annotations" => FormatMap(meta?.Annotations),
            "spec.nodeName" => pod.Spec?.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? pod.Spec?.ServiceAccount ?? "",
            "status.hostIP" or "status.hostIPs" => hostIP ?? "",
            "status.podIP" or "status.podIPs" => podIP ?? "",
            _ => throw new PodConfigException($"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary>A container's request or limit, divided by the divisor and rounded up; an unset limit is the node's allocatable.</summary>
    public static string ResolveResource(Pod pod, string defaultContainer, ResourceFieldSelector selector, IReadOnlyDictionary<string, decimal> nodeAllocatable)
    {
        var containerName = string.IsNullOrEmpty(selector.ContainerName) ? defaultContainer : selector.ContainerName;
        var container = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == containerName)
            ?? throw new PodConfigException($"container {containerName} not found for resourceFieldRef");
        var resource = selector.Resource ?? "";
        var parts = resource.Split('.', 2);
        if (parts.Length != 2 || parts[0] is not ("limits" or "requests"))
        {
            throw new PodConfigException($"unsupported container resource: {resource}");
        }

        var source = parts[0] == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
        decimal value;
        if (source is not null && source.TryGetValue(parts[1], out var quantity))
        {
            value = quantity.Value;
        }
        else if (parts[0] == "limits" && nodeAllocatable.TryGetValue(parts[1], out var allocatable))
        {
            value = allocatable;
        }
        else if (parts[0] == "requests" && source is null && container.Resources?.Limits?.TryGetValue(parts[1], out var limit) == true)
        {
            value = limit.Value;
        }
        else
        {
            value = 0;
        }

        var divisor = selector.Divisor?.Value is > 0 and var d ? d : 1m;
        return ((long)Math.Ceiling(value / divisor)).ToString(CultureInfo.InvariantCulture);
    }

    private static bool TrySubscript(string fieldPath, string prefix, out string key)
    {
        key = "";
        if (!fieldPath.StartsWith(prefix + "[", StringComparison.Ordinal) || !fieldPath.EndsWith(']'))
        {
            return false;
        }

        key = fieldPath[(prefix.Length + 1)..^1].Trim('\'', '"');
        return true;
    }

    // The downward API's file format for label and annotation maps: key="value" lines, sorted.
    private static string FormatMap(Dictionary<string, string>? map) => map is null
        ? ""
        : string.Join('\n', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\""));
}

/// <summary>A pod's configuration cannot be turned into containers (missing ConfigMap key, bad field path …): CreateContainerConfigError.</summary>
internal sealed class PodConfigException(string message) : Exception(message);
