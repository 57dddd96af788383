using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>
/// The scheduler's view of nodes and the pods on them, updated incrementally from informer events
/// (so a scheduling cycle never regroups all pods) plus pods this scheduler has bound that the
/// informer has not shown bound yet ("assumed"), and pods nominated to nodes by preemption. Not
/// thread-safe by itself: callers hold <see cref="Lock"/>.
/// </summary>
internal sealed class SchedulerCache
{
    private readonly Dictionary<string, NodeInfo> _byName = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _nodes = [];
    private readonly Dictionary<string, string> _podNode = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PodInfo Pod, string Node)> _nominated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PodInfo>> _nominatedByNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _imageNodes = new(StringComparer.Ordinal);

    public Lock Lock { get; } = new();

    /// <summary>Nodes the scheduler knows, in a stable order.</summary>
    public IReadOnlyList<NodeInfo> Nodes => _nodes;

    public IReadOnlyDictionary<string, List<PodInfo>> NominatedByNode => _nominatedByNode;

    public int NodesWithImage(string normalizedImage) => _imageNodes.GetValueOrDefault(normalizedImage);

    public bool IsAssumed(string key) => _assumed.Contains(key);

    public void SetNode(Node node)
    {
        var name = node.Metadata?.Name ?? "";
        if (!_byName.TryGetValue(name, out var info))
        {
            _byName[name] = info = new NodeInfo(node);
            _nodes.Add(info);
        }
        else
        {
            CountImages(info, -1);
            if (info.Node is null)
            {
                _nodes.Add(info);
            }

            info.Node = node;
        }

        CountImages(info, 1);
    }

    public void RemoveNode(string name)
    {
        if (_byName.TryGetValue(name, out var info) && info.Node is not null)
        {
            CountImages(info, -1);
            _nodes.Remove(info);
            if (info.Pods.Count == 0)
            {
                _byName.Remove(name);
            }
            else
            {
                // Its pods stay counted should the node come back before they are gone.
                info.Node = null;
            }
        }
    }

    /// <summary>
    /// Brings the cache in line with the pod as the informer shows it: counted on its node while
    /// bound and not finished; an unbound pod this scheduler assumed stays where it was assumed.
    /// </summary>
    public void UpdatePod(Pod pod)
    {
        var info = new PodInfo(pod);
        var node = pod.Spec?.NodeName;
        var active = !string.IsNullOrEmpty(node) && pod.Status?.Phase is not ("Succeeded" or "Failed");
        if (string.IsNullOrEmpty(node))
        {
            SetNomination(info, pod.Status?.NominatedNodeName);
            if (_assumed.Contains(info.Key))
            {
                return;
            }
        }
        else
        {
            SetNomination(info, null);
        }

        Unplace(info.Key);
        _assumed.Remove(info.Key);
        if (active)
        {
            Place(info, node!);
        }
    }

    public void RemovePod(string key)
    {
        Unplace(key);
        _assumed.Remove(key);
        if (_nominated.ContainsKey(key))
        {
            SetNomination(null, null, key);
        }
    }

    /// <summary>Counts <paramref name="pod"/> on <paramref name="node"/> before the binding is visible.</summary>
    public void Assume(Pod pod, string node)
    {
        var info = new PodInfo(pod);
        Unplace(info.Key);
        _assumed.Add(info.Key);
        SetNomination(null, null, info.Key);
        Place(info, node);
    }

    /// <summary>Undoes <see cref="Assume"/> after a failed binding.</summary>
    public void Forget(string key)
    {
        if (_assumed.Remove(key))
        {
            Unplace(key);
        }
    }

    public void Nominate(Pod pod, string node) => SetNomination(new PodInfo(pod), node);

    private void SetNomination(PodInfo? pod, string? node, string? key = null)
    {
        key ??= pod!.Key;
        if (_nominated.Remove(key, out var previous) && _nominatedByNode.TryGetValue(previous.Node, out var list))
        {
            list.RemoveAll(p => p.Key == key);
            if (list.Count == 0)
            {
                _nominatedByNode.Remove(previous.Node);
            }
        }

        if (pod is not null && !string.IsNullOrEmpty(node))
        {
            _nominated[key] = (pod, node);
            if (!_nominatedByNode.TryGetValue(node, out list))
            {
                _nominatedByNode[node] = list = [];
            }

            list.Add(pod);
        }
    }

    private void Place(PodInfo pod, string node)
    {
        if (!_byName.TryGetValue(node, out var info))
        {
            // Pods may arrive before their node; the node info waits without a Node.
            _byName[node] = info = new NodeInfo(null);
        }

        info.AddPod(pod);
        _podNode[pod.Key] = node;
    }

    private void Unplace(string key)
    {
        if (_podNode.Remove(key, out var node) && _byName.TryGetValue(node, out var info))
        {
            info.RemovePod(key);
        }
    }

    private void CountImages(NodeInfo info, int delta)
    {
        foreach (var image in info.ImageSizes.Keys)
        {
            var next = _imageNodes.GetValueOrDefault(image) + delta;
            if (next <= 0)
            {
                _imageNodes.Remove(image);
            }
            else
            {
                _imageNodes[image] = next;
            }
        }
    }
}
