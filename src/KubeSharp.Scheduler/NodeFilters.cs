using System.Globalization;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>A node with the pods already placed on it (bound, or assumed by this scheduler).</summary>
internal sealed record NodeInfo(Node Node, IReadOnlyList<Pod> Pods)
{
    private ResourceList? _requested;

    public string Name => Node.Metadata?.Name ?? "";

    /// <summary>The summed requests of the node's pods (computed once per snapshot; must not be modified).</summary>
    public ResourceList Requested()
    {
        if (_requested is null)
        {
            var total = new ResourceList();
            foreach (var pod in Pods)
            {
                total.Add(ResourceList.RequestsOf(pod));
            }

            _requested = total;
        }

        return _requested;
    }
}

/// <summary>
/// The scheduler's filters, each answering whether a pod can go on a node and, if not, the reasons
/// in Kubernetes' wording (they end up in FailedScheduling messages). The node-level predicates are
/// public for the DaemonSet controller, which decides the same way where its pods belong.
/// </summary>
public static class NodeFilters
{
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";

    /// <summary>The reasons <paramref name="pod"/> cannot run on <paramref name="node"/>; empty when it fits.</summary>
    internal static IReadOnlyList<string> Check(Pod pod, NodeInfo node)
    {
        if (Unschedulable(pod, node.Node) is { } unschedulable)
        {
            return [unschedulable];
        }

        if (!MatchesNodeSelectorAndAffinity(pod, node.Node))
        {
            return ["node(s) didn't match Pod's node affinity/selector"];
        }

        if (UntoleratedTaint(pod, node.Node) is { } taint)
        {
            return [taint];
        }

        if (HostPortConflict(pod, node))
        {
            return ["node(s) didn't have free ports for the requested pod ports"];
        }

        return Insufficient(pod, node);
    }

    private static string? Unschedulable(Pod pod, Node node)
    {
        if (node.Spec?.Unschedulable != true)
        {
            return null;
        }

        var tolerated = pod.Spec?.Tolerations?.Any(t => Tolerates(t, new Taint { Key = UnschedulableTaint, Effect = "NoSchedule" })) == true;
        return tolerated ? null : "node(s) were unschedulable";
    }

    /// <summary>spec.nodeSelector and required node affinity (terms ORed, expressions ANDed).</summary>
    public static bool MatchesNodeSelectorAndAffinity(Pod pod, Node node)
    {
        var labels = node.Metadata?.Labels ?? [];
        foreach (var (k, v) in pod.Spec?.NodeSelector ?? [])
        {
            if (!labels.TryGetValue(k, out var actual) || actual != v)
            {
                return false;
            }
        }

        var required = pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is null)
        {
            return true;
        }

        return required.NodeSelectorTerms?.Any(term => TermMatches(term, node, labels)) == true;
    }

    private static bool TermMatches(NodeSelectorTerm term, Node node, Dictionary<string, string> labels)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count + fields.Count == 0)
        {
            return false;
        }

        return expressions.All(r => RequirementMatches(r, labels.TryGetValue(r.Key ?? "", out var v) ? v : null))
            && fields.All(r => r.Key == "metadata.name" && RequirementMatches(r, node.Metadata?.Name));
    }

    private static bool RequirementMatches(NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => value is not null && values.Count == 1 && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
                    && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) && a > b,
            "Lt" => value is not null && values.Count == 1 && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c)
                    && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && c < d,
            _ => false,
        };
    }

    /// <summary>
    /// The first NoSchedule/NoExecute taint the pod does not tolerate. A node whose Ready condition
    /// is not True counts as tainted not-ready (False) or unreachable (Unknown), as the node
    /// lifecycle controller would mark it.
    /// </summary>
    public static string? UntoleratedTaint(Pod pod, Node node)
    {
        var taints = new List<Taint>(node.Spec?.Taints ?? []);
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (ready?.Status != "True")
        {
            var key = ready?.Status == "False" ? NotReadyTaint : UnreachableTaint;
            if (!taints.Any(t => t.Key == key))
            {
                taints.Add(new Taint { Key = key, Effect = "NoSchedule" });
            }
        }

        var tolerations = pod.Spec?.Tolerations ?? [];
        foreach (var taint in taints)
        {
            if (taint.Effect is not ("NoSchedule" or "NoExecute"))
            {
                continue;
            }

            if (!tolerations.Any(t => Tolerates(t, taint)))
            {
                return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
            }
        }

        return null;
    }

    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (toleration.Operator == "Exists")
        {
            return string.IsNullOrEmpty(toleration.Key) || toleration.Key == taint.Key;
        }

        return toleration.Key == taint.Key && (toleration.Value ?? "") == (taint.Value ?? "");
    }

    private static IEnumerable<(string Ip, string Protocol, int Port)> HostPorts(Pod pod) =>
        (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? [])
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.HostPort is > 0)
            .Select(p => (string.IsNullOrEmpty(p.HostIP) ? "0.0.0.0" : p.HostIP, p.Protocol ?? "TCP", p.HostPort!.Value));

    internal static bool HostPortConflict(Pod pod, NodeInfo node)
    {
        var wanted = HostPorts(pod).ToList();
        if (wanted.Count == 0)
        {
            return false;
        }

        var used = node.Pods.SelectMany(HostPorts).ToList();
        return wanted.Any(w => used.Any(u => u.Port == w.Port && u.Protocol == w.Protocol && (u.Ip == w.Ip || u.Ip == "0.0.0.0" || w.Ip == "0.0.0.0")));
    }

    /// <summary>"Too many pods" and "Insufficient &lt;resource&gt;" for each requested resource that does not fit.</summary>
    internal static IReadOnlyList<string> Insufficient(Pod pod, NodeInfo node)
    {
        var reasons = new List<string>();
        var allocatable = ResourceList.AllocatableOf(node.Node);
        if (allocatable.Has(ResourceList.Pods) && node.Pods.Count + 1 > allocatable[ResourceList.Pods])
        {
            reasons.Add("Too many pods");
        }

        var requested = node.Requested();
        foreach (var (resource, amount) in ResourceList.RequestsOf(pod).Amounts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (amount > 0 && requested[resource] + amount > allocatable[resource])
            {
                reasons.Add($"Insufficient {resource}");
            }
        }

        return reasons;
    }
}
