using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Quota;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' LimitRanger admission for creates: the LimitRanges of a new pod's namespace give its containers the
/// default limits and requests they leave out (noted in the <c>kubernetes.io/limit-ranger</c> annotation), then
/// the pod — per container and in total — and a new PersistentVolumeClaim must respect their min, max and
/// maxLimitRequestRatio, or the create is refused (403) with Kubernetes' messages.
/// </summary>
public sealed class LimitRangerAdmission : IAdmissionPlugin
{
    public const string Annotation = "kubernetes.io/limit-ranger";

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (old is not null || obj is not (Pod or PersistentVolumeClaim) || obj.Metadata?.Namespace is not { } ns)
        {
            return;
        }

        var (items, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<LimitRange>(), false, cancellationToken).ConfigureAwait(false);
        var ranges = items.Values.Select(s => (LimitRange)s.Object).Where(r => r.Metadata?.Namespace == ns).ToList();
        if (ranges.Count == 0)
        {
            return;
        }

        var errors = new List<string>();
        foreach (var range in ranges)
        {
            if (obj is Pod pod)
            {
                ApplyDefaults(pod, range);
                errors.AddRange(PodViolations(pod, range));
            }
            else if (obj is PersistentVolumeClaim claim)
            {
                errors.AddRange(ClaimViolations(claim, range));
            }
        }

        if (errors.Count > 0)
        {
            throw ApiException.Forbidden(definition.GroupResource, obj.Metadata.Name ?? "", errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }

        if (obj is Pod { Status: { } status } defaulted)
        {
            // The defaults may change the pod's QoS class, set from its resources at create.
            status.QosClass = PodQos.Classify(defaulted.Spec);
        }
    }

    /// <summary>Gives each container the range's default limits and requests it lacks, and records which in the annotation.</summary>
    public static void ApplyDefaults(Pod pod, LimitRange range)
    {
        var defaultLimits = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        var defaultRequests = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var item in (range.Spec?.Limits ?? []).Where(l => l.Type == "Container"))
        {
            foreach (var (name, value) in item.Default ?? [])
            {
                defaultLimits[name] = value;
            }

            foreach (var (name, value) in item.DefaultRequest ?? [])
            {
                defaultRequests[name] = value;
            }
        }

        if (defaultLimits.Count + defaultRequests.Count == 0)
        {
            return;
        }

        var notes = new List<string>();
        foreach (var (kind, containers) in new[] { ("container", pod.Spec?.Containers), ("init container", pod.Spec?.InitContainers) })
        {
            foreach (var container in containers ?? [])
            {
                var resources = container.Resources ??= new ResourceRequirements();
                var setRequests = defaultRequests.Where(d => resources.Requests?.ContainsKey(d.Key) != true).Select(d => d.Key).ToList();
                var setLimits = defaultLimits.Where(d => resources.Limits?.ContainsKey(d.Key) != true).Select(d => d.Key).ToList();
                foreach (var name in setRequests)
                {
                    (resources.Requests ??= [])[name] = defaultRequests[name];
                }

                foreach (var name in setLimits)
                {
                    (resources.Limits ??= [])[name] = defaultLimits[name];
                }

                if (setRequests.Count > 0)
                {
                    notes.Add($"{string.Join(", ", setRequests)} request for {kind} {container.Name}");
                }

                if (setLimits.Count > 0)
                {
                    notes.Add($"{string.Join(", ", setLimits)} limit for {kind} {container.Name}");
                }
            }
        }

        if (notes.Count > 0)
        {
            (pod.Meta.Annotations ??= [])[Annotation] = "LimitRanger plugin set: " + string.Join("; ", notes);
        }
    }

    /// <summary>What of the range a pod breaks, in Kubernetes' words (per container, then for the pod's totals).</summary>
    public static List<string> PodViolations(Pod pod, LimitRange range)
    {
        var errors = new List<string>();
        foreach (var item in range.Spec?.Limits ?? [])
        {
            if (item.Type == "Container")
            {
                foreach (var container in (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []))
                {
                    errors.AddRange(Violations("Container", item, container.Resources?.Requests ?? [], container.Resources?.Limits ?? []));
                }
            }
            else if (item.Type == "Pod")
            {
                errors.AddRange(Violations("Pod", item, ResourceQuotaUsage.PodTotals(pod, limits: false), ResourceQuotaUsage.PodTotals(pod, limits: true)));
            }
        }

        return errors;
    }

    /// <summary>What of the range a claim's storage request breaks.</summary>
    public static List<string> ClaimViolations(PersistentVolumeClaim claim, LimitRange range)
    {
        var errors = new List<string>();
        var requests = claim.Spec?.Resources?.Requests ?? [];
        foreach (var item in (range.Spec?.Limits ?? []).Where(l => l.Type == "PersistentVolumeClaim"))
        {
            foreach (var (name, min) in Ordered(item.Min))
            {
                errors.AddRange(Minimum("PersistentVolumeClaim", name, min, requests, new Dictionary<string, Quantity>()));
            }

            foreach (var (name, max) in Ordered(item.Max))
            {
                if (!requests.TryGetValue(name, out var request))
                {
                    errors.Add($"maximum {name} usage per PersistentVolumeClaim is {max}.  No request is specified");
                }
                else if (request.Value > max.Value)
                {
                    errors.Add($"maximum {name} usage per PersistentVolumeClaim is {max}, but request is {request}");
                }
            }
        }

        return errors;
    }

    private static IEnumerable<string> Violations(string type, LimitRangeItem item, IReadOnlyDictionary<string, Quantity> requests, IReadOnlyDictionary<string, Quantity> limits)
    {
        foreach (var (name, min) in Ordered(item.Min))
        {
            foreach (var error in Minimum(type, name, min, requests, limits))
            {
                yield return error;
            }
        }

        foreach (var (name, max) in Ordered(item.Max))
        {
            var hasRequest = requests.TryGetValue(name, out var request);
            if (!limits.TryGetValue(name, out var limit))
            {
                yield return $"maximum {name} usage per {type} is {max}.  No limit is specified";
            }
            else if (limit.Value > max.Value)
            {
                yield return $"maximum {name} usage per {type} is {max}, but limit is {limit}";
            }
            else if (hasRequest && request!.Value > max.Value)
            {
                yield return $"maximum {name} usage per {type} is {max}, but request is {request}";
            }
        }

        foreach (var (name, ratio) in Ordered(item.MaxLimitRequestRatio))
        {
            if (!requests.TryGetValue(name, out var request) || request.Value == 0)
            {
                yield return $"{name} max limit to request ratio per {type} is {ratio}, but no request is specified or request is 0";
            }
            else if (!limits.TryGetValue(name, out var limit) || limit.Value == 0)
            {
                yield return $"{name} max limit to request ratio per {type} is {ratio}, but no limit is specified or limit is 0";
            }
            else if (limit.Value / request.Value > ratio.Value)
            {
                yield return $"{name} max limit to request ratio per {type} is {ratio}, but provided ratio is {(limit.Value / request.Value).ToString("F6", CultureInfo.InvariantCulture)}";
            }
        }
    }

    private static IEnumerable<string> Minimum(string type, string name, Quantity min, IReadOnlyDictionary<string, Quantity> requests, IReadOnlyDictionary<string, Quantity> limits)
    {
        if (!requests.TryGetValue(name, out var request))
        {
            yield return $"minimum {name} usage per {type} is {min}.  No request is specified";
        }
        else if (request.Value < min.Value)
        {
            yield return $"minimum {name} usage per {type} is {min}, but request is {request}";
        }
        else if (limits.TryGetValue(name, out var limit) && limit.Value < min.Value)
        {
            yield return $"minimum {name} usage per {type} is {min}, but limit is {limit}";
        }
    }

    private static IEnumerable<KeyValuePair<string, Quantity>> Ordered(Dictionary<string, Quantity>? list) =>
        (list ?? []).OrderBy(e => e.Key, StringComparer.Ordinal);
}
