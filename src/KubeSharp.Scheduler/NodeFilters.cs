using System.Globalization;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

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

    // Shared empties: the filters run for every node and pod, so "missing" must not allocate.
    private static readonly Dictionary<string, string> NoLabels = [];
    private static readonly List<Toleration> NoTolerations = [];
    private static readonly List<Taint> NoTaints = [];
    private static readonly List<NodeCondition> NoConditions = [];

    internal static string? Unschedulable(Pod pod, Node node)
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
        var labels = node.Metadata?.Labels ?? NoLabels;
        foreach (var (k, v) in pod.Spec?.NodeSelector ?? NoLabels)
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

        return MatchesNodeSelector(required, node);
    }

    /// <summary>A NodeSelector (terms ORed, expressions ANDed) against the node's labels and name.</summary>
    public static bool MatchesNodeSelector(NodeSelector selector, Node node)
    {
        var labels = node.Metadata?.Labels ?? [];
        return selector.NodeSelectorTerms?.Any(term => TermMatches(term, node, labels)) == true;
    }

    /// <summary>A preferred scheduling term's match (an empty term matches nothing).</summary>
    public static bool MatchesTerm(NodeSelectorTerm term, Node node) => TermMatches(term, node, node.Metadata?.Labels ?? []);

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
        var tolerations = pod.Spec?.Tolerations ?? NoTolerations;
        var taints = node.Spec?.Taints ?? NoTaints;
        foreach (var taint in taints)
        {
            if (taint.Effect is ("NoSchedule" or "NoExecute") && !Tolerated(tolerations, taint))
            {
                return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
            }
        }

        string? readyStatus = null;
        foreach (var condition in node.Status?.Conditions ?? NoConditions)
        {
            if (condition.Type == "Ready")
            {
                readyStatus = condition.Status;
                break;
            }
        }

        if (readyStatus != "True")
        {
            var key = readyStatus == "False" ? NotReadyTaint : UnreachableTaint;
            var implied = new Taint { Key = key, Effect = "NoSchedule" };
            if (!taints.Exists(t => t.Key == key) && !Tolerated(tolerations, implied))
            {
                return $"node(s) had untolerated taint {{{key}: }}";
            }
        }

        return null;
    }

    private static bool Tolerated(List<Toleration> tolerations, Taint taint)
    {
        foreach (var toleration in tolerations)
        {
            if (Tolerates(toleration, taint))
            {
                return true;
            }
        }

        return false;
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

    internal static bool HostPortConflict(PodInfo pod, NodeInfo node)
    {
        foreach (var wanted in pod.Ports)
        {
            foreach (var used in node.UsedPorts)
            {
                if (wanted.ConflictsWith(used))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"Too many pods" and "Insufficient &lt;resource&gt;" for each requested resource that does not fit.</summary>
    internal static List<string>? Insufficient(PodInfo pod, NodeInfo node)
    {
        List<string>? reasons = null;
        var allocatable = node.Allocatable;
        if (allocatable.Has(ResourceList.Pods) && node.Pods.Count + 1 > allocatable[ResourceList.Pods])
        {
            (reasons ??= []).Add("Too many pods");
        }

        var requested = node.Requested;
        foreach (var (resource, amount) in pod.SortedRequests)
        {
            if (amount > 0 && requested[resource] + amount > allocatable[resource])
            {
                (reasons ??= []).Add($"Insufficient {resource}");
            }
        }

        return reasons;
    }
}
