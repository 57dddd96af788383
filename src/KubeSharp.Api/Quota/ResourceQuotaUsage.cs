using KubeSharp.Api.Core.V1;

namespace KubeSharp.Api.Quota;

/// <summary>
/// What an object costs against a ResourceQuota, as Kubernetes' quota evaluators count it: the same functions serve
/// the API server's ResourceQuota admission (one new object against the recorded usage) and the resource quota
/// controller (the usage of everything in a namespace).
/// </summary>
public static class ResourceQuotaUsage
{
    private static readonly string[] ComputeResources = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>Resources a quota can only track when every container states them (Kubernetes' backward-compatible rule).</summary>
    private static readonly HashSet<string> MustSpecify = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    /// <summary>The quota resource name that counts objects of a resource: "count/pods", "count/deployments.apps".</summary>
    public static string CountKey(string group, string plural) => "count/" + (group.Length == 0 ? plural : plural + "." + group);

    /// <summary>
    /// The usage of one object (of <paramref name="group"/>/<paramref name="plural"/>): its object count under both
    /// names and, for pods, services and claims, the resources they hold. A finished pod, or one whose deletion
    /// grace period is over, costs nothing.
    /// </summary>
    public static Dictionary<string, Quantity> Of(string group, string plural, KubernetesObject obj, DateTimeOffset now)
    {
        var usage = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        switch (obj)
        {
            case Pod pod when group.Length == 0:
                if (!Counts(pod, now))
                {
                    return usage;
                }

                usage["pods"] = One;
                usage[CountKey(group, plural)] = One;
                AddPodResources(usage, pod);
                return usage;
            case Service service when group.Length == 0:
                usage["services"] = One;
                usage[CountKey(group, plural)] = One;
                var type = service.Spec?.Type ?? "ClusterIP";
                if (type is "NodePort" or "LoadBalancer")
                {
                    usage["services.nodeports"] = new Quantity(service.Spec?.Ports?.Count ?? 0);
                }

                if (type == "LoadBalancer")
                {
                    usage["services.loadbalancers"] = One;
                }

                return usage;
            case PersistentVolumeClaim claim when group.Length == 0:
                usage["persistentvolumeclaims"] = One;
                usage[CountKey(group, plural)] = One;
                if (claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage") is { } storage)
                {
                    usage["requests.storage"] = storage;
                    if (claim.Spec.StorageClassName is { Length: > 0 } className)
                    {
                        usage[className + ".storageclass.storage.k8s.io/requests.storage"] = storage;
                        usage[className + ".storageclass.storage.k8s.io/persistentvolumeclaims"] = One;
                    }
                }

                return usage;
            default:
                if (group.Length == 0 && plural is "configmaps" or "secrets" or "replicationcontrollers" or "resourcequotas")
                {
                    usage[plural] = One;
                }

                usage[CountKey(group, plural)] = One;
                return usage;
        }
    }

    /// <summary>Whether <paramref name="quota"/>'s scopes select <paramref name="obj"/>; a scoped quota counts pods only.</summary>
    public static bool Matches(ResourceQuota quota, KubernetesObject obj)
    {
        var scopes = quota.Spec?.Scopes ?? [];
        var expressions = quota.Spec?.ScopeSelector?.MatchExpressions ?? [];
        if (scopes.Count == 0 && expressions.Count == 0)
        {
            return true;
        }

        if (obj is not Pod pod)
        {
            return false;
        }

        return scopes.All(s => InScope(pod, s, "Exists", [])) && expressions.All(e => InScope(pod, e.ScopeName ?? "", e.Operator ?? "", e.Values ?? []));
    }

    /// <summary>The summed usage of objects, restricted to the resources <paramref name="quota"/> limits (0 for those nothing uses).</summary>
    public static Dictionary<string, Quantity> Used(ResourceQuota quota, IEnumerable<Dictionary<string, Quantity>> usages)
    {
        var hard = quota.Spec?.Hard ?? [];
        var used = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var usage in usages)
        {
            foreach (var (name, value) in usage)
            {
                if (hard.ContainsKey(name))
                {
                    used[name] = used.TryGetValue(name, out var sum) ? sum + value : value;
                }
            }
        }

        foreach (var name in hard.Keys)
        {
            used.TryAdd(name, new Quantity(0));
        }

        return used;
    }

    /// <summary>
    /// Kubernetes' "must specify" rule: a quota on cpu or memory requests or limits needs every container of a pod
    /// to state them. Returns e.g. "must specify limits.cpu for: app; requests.cpu for: app,init", or null.
    /// </summary>
    public static string? MissingResources(ResourceQuota quota, Pod pod)
    {
        var required = (quota.Spec?.Hard ?? []).Keys.Where(MustSpecify.Contains).ToList();
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var container in (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []))
        {
            foreach (var resource in required)
            {
                var (list, name) = resource.StartsWith("limits.", StringComparison.Ordinal)
                    ? (container.Resources?.Limits, resource["limits.".Length..])
                    : (container.Resources?.Requests, resource.StartsWith("requests.", StringComparison.Ordinal) ? resource["requests.".Length..] : resource);
                if (list?.ContainsKey(name) != true)
                {
                    (missing.TryGetValue(resource, out var names) ? names : missing[resource] = new SortedSet<string>(StringComparer.Ordinal)).Add(container.Name ?? "");
                }
            }
        }

        return missing.Count == 0 ? null : "must specify " + string.Join("; ", missing.Select(m => $"{m.Key} for: {string.Join(',', m.Value)}"));
    }

    /// <summary>
    /// Kubernetes' admission message when adding <paramref name="requested"/> to <paramref name="used"/> passes a
    /// hard limit of <paramref name="quota"/> ("exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"),
    /// or null when it fits.
    /// </summary>
    public static string? Exceeded(ResourceQuota quota, IReadOnlyDictionary<string, Quantity> used, IReadOnlyDictionary<string, Quantity> requested)
    {
        var hard = quota.Spec?.Hard ?? [];
        var exceeded = requested
            .Where(r => hard.TryGetValue(r.Key, out var limit) && (used.GetValueOrDefault(r.Key)?.Value ?? 0) + r.Value.Value > limit.Value)
            .Select(r => r.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (exceeded.Count == 0)
        {
            return null;
        }

        string Pretty(Func<string, Quantity?> value) => string.Join(',', exceeded.Select(k => $"{k}={value(k) ?? new Quantity(0)}"));
        return $"exceeded quota: {quota.Metadata?.Name}, requested: {Pretty(k => requested[k])}, used: {Pretty(used.GetValueOrDefault)}, limited: {Pretty(hard.GetValueOrDefault)}";
    }

    /// <summary><paramref name="used"/> plus <paramref name="delta"/> for the resources the quota limits.</summary>
    public static Dictionary<string, Quantity> Add(ResourceQuota quota, IReadOnlyDictionary<string, Quantity> used, IReadOnlyDictionary<string, Quantity> delta)
    {
        var hard = quota.Spec?.Hard ?? [];
        var sum = new Dictionary<string, Quantity>(used, StringComparer.Ordinal);
        foreach (var (name, value) in delta)
        {
            if (hard.ContainsKey(name))
            {
                sum[name] = sum.TryGetValue(name, out var current) ? current + value : value;
            }
        }

        return sum;
    }

    private static readonly Quantity One = new(1);

    private static bool Counts(Pod pod, DateTimeOffset now)
    {
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return false;
        }

        return pod.Metadata?.DeletionTimestamp is not { } deleted || pod.Metadata.DeletionGracePeriodSeconds is not { } grace || now <= deleted.AddSeconds(grace);
    }

    /// <summary>requests.X / X and limits.X of the pod, for cpu, memory and ephemeral storage.</summary>
    private static void AddPodResources(Dictionary<string, Quantity> usage, Pod pod)
    {
        foreach (var (resource, total) in PodTotals(pod, limits: false))
        {
            usage["requests." + resource] = total;
            usage[resource] = total;
        }

        foreach (var (resource, total) in PodTotals(pod, limits: true))
        {
            usage["limits." + resource] = total;
        }
    }

    /// <summary>
    /// A pod's effective requests (or limits) of cpu, memory and ephemeral storage, as Kubernetes' PodRequests/PodLimits:
    /// its containers and native sidecars summed, or its largest init container (with the sidecars started before it)
    /// if that is more, plus the pod overhead. Resources no container states are absent.
    /// </summary>
    public static Dictionary<string, Quantity> PodTotals(Pod pod, bool limits)
    {
        var totals = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        Dictionary<string, Quantity>? Of(Container c) => limits ? c.Resources?.Limits : c.Resources?.Requests;
        foreach (var resource in ComputeResources)
        {
            decimal running = 0;
            decimal largestInit = 0;
            Quantity? first = null;
            foreach (var init in pod.Spec?.InitContainers ?? [])
            {
                var value = Of(init)?.GetValueOrDefault(resource);
                first ??= value;
                if (init.RestartPolicy == "Always")
                {
                    running += value?.Value ?? 0;
                }
                else
                {
                    largestInit = Math.Max(largestInit, running + (value?.Value ?? 0));
                }
            }

            foreach (var container in pod.Spec?.Containers ?? [])
            {
                var value = Of(container)?.GetValueOrDefault(resource);
                first ??= value;
                running += value?.Value ?? 0;
            }

            if (first is null)
            {
                continue;
            }

            var overhead = pod.Spec?.Overhead?.GetValueOrDefault(resource)?.Value ?? 0;
            totals[resource] = new Quantity(Math.Max(running, largestInit) + overhead, first.QuantityFormat);
        }

        return totals;
    }

    private static bool InScope(Pod pod, string scope, string op, List<string> values)
    {
        if (scope == "PriorityClass")
        {
            var name = pod.Spec?.PriorityClassName ?? "";
            return op switch
            {
                "In" => values.Contains(name),
                "NotIn" => !values.Contains(name),
                "Exists" => name.Length > 0,
                "DoesNotExist" => name.Length == 0,
                _ => false,
            };
        }

        bool? inScope = scope switch
        {
            "Terminating" => pod.Spec?.ActiveDeadlineSeconds is >= 0,
            "NotTerminating" => pod.Spec?.ActiveDeadlineSeconds is not >= 0,
            "BestEffort" => IsBestEffort(pod),
            "NotBestEffort" => !IsBestEffort(pod),
            _ => null,
        };
        return op == "DoesNotExist" ? inScope == false : inScope == true;
    }

    private static bool IsBestEffort(Pod pod) =>
        (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).All(c =>
            !(c.Resources?.Requests ?? []).Keys.Concat((c.Resources?.Limits ?? []).Keys).Any(k => k is "cpu" or "memory"));
}
