using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>A host port a pod claims: the address ("0.0.0.0" for all), protocol and port.</summary>
internal readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == "0.0.0.0" || other.Ip == "0.0.0.0");

    public static List<HostPort> Of(Pod pod)
    {
        var ports = new List<HostPort>();
        foreach (var container in (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []))
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is > 0)
                {
                    ports.Add(new HostPort(string.IsNullOrEmpty(port.HostIP) ? "0.0.0.0" : port.HostIP, port.Protocol ?? "TCP", port.HostPort.Value));
                }
            }
        }

        return ports;
    }
}

/// <summary>
/// A pod with what the scheduler derives from it computed once: requests, host ports, priority and
/// its parsed pod (anti-)affinity terms.
/// </summary>
internal sealed class PodInfo
{
    public PodInfo(Pod pod)
    {
        Pod = pod;
        Key = $"{pod.Metadata?.Namespace}/{pod.Metadata?.Name}";
        Requests = ResourceList.RequestsOf(pod);
        SortedRequests = Requests.Amounts.OrderBy(a => a.Key, StringComparer.Ordinal).ToArray();
        Images = (pod.Spec?.Containers ?? []).Select(c => ImageNames.Normalize(c.Image ?? "")).ToArray();
        (NonZeroMilliCpu, NonZeroMemory) = NonZeroRequests(pod);
        Ports = HostPort.Of(pod);
        var affinity = pod.Spec?.Affinity;
        RequiredAffinity = AffinityTerm.Required(pod, affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution);
        RequiredAntiAffinity = AffinityTerm.Required(pod, affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution);
        PreferredAffinity = AffinityTerm.Preferred(pod, affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution);
        PreferredAntiAffinity = AffinityTerm.Preferred(pod, affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution);
    }

    public Pod Pod { get; }
    public string Key { get; }
    public string Namespace => Pod.Metadata?.Namespace ?? "";
    public IReadOnlyDictionary<string, string> Labels => Pod.Metadata?.Labels ?? (IReadOnlyDictionary<string, string>)EmptyLabels;
    public ResourceList Requests { get; }
    /// <summary>The requests ordered by resource name, as the Insufficient reasons are listed.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> SortedRequests { get; }
    /// <summary>Normalized image names of the (non-init) containers.</summary>
    public IReadOnlyList<string> Images { get; }
    public long NonZeroMilliCpu { get; }
    public long NonZeroMemory { get; }
    public IReadOnlyList<HostPort> Ports { get; }
    public int Priority => Pod.Spec?.Priority ?? 0;
    public IReadOnlyList<AffinityTerm> RequiredAffinity { get; }
    public IReadOnlyList<AffinityTerm> RequiredAntiAffinity { get; }
    public IReadOnlyList<WeightedAffinityTerm> PreferredAffinity { get; }
    public IReadOnlyList<WeightedAffinityTerm> PreferredAntiAffinity { get; }
    public bool HasAffinityTerms => RequiredAffinity.Count + RequiredAntiAffinity.Count + PreferredAffinity.Count + PreferredAntiAffinity.Count > 0;

    private static readonly Dictionary<string, string> EmptyLabels = [];

    /// <summary>Requests for scoring: a container asking for no cpu or memory counts as 100m and 200Mi (Kubernetes' non-zero defaults).</summary>
    private static (long MilliCpu, long Memory) NonZeroRequests(Pod pod)
    {
        long cpu = 0, memory = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var requests = ResourceList.From(container.Resources?.Requests);
            cpu += requests.Has(ResourceList.Cpu) ? requests[ResourceList.Cpu] : SchedulingAlgorithm.DefaultMilliCpu;
            memory += requests.Has(ResourceList.Memory) ? requests[ResourceList.Memory] : SchedulingAlgorithm.DefaultMemory;
        }

        return (cpu, memory);
    }
}

/// <summary>
/// A node with the pods placed on it (bound, assumed or, during preemption, hypothetically removed)
/// and the totals the filters need, kept up to date as pods are added and removed so no filter
/// walks the node's pods.
/// </summary>
internal sealed class NodeInfo
{
    private readonly List<PodInfo> _pods = [];
    private readonly List<PodInfo> _podsWithAffinity = [];
    private readonly List<PodInfo> _podsWithRequiredAntiAffinity = [];
    private readonly List<HostPort> _usedPorts = [];
    private Node? _node;

    public NodeInfo(Node? node)
    {
        Node = node;
    }

    public NodeInfo(Node node, IEnumerable<Pod> pods)
        : this(node)
    {
        foreach (var pod in pods)
        {
            AddPod(new PodInfo(pod));
        }
    }

    /// <summary>Null while pods name a node the scheduler has not seen yet.</summary>
    public Node? Node
    {
        get => _node;
        set
        {
            _node = value;
            Allocatable = ResourceList.From(value?.Status?.Allocatable);
            var images = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var image in value?.Status?.Images ?? [])
            {
                foreach (var name in image.Names ?? [])
                {
                    images[ImageNames.Normalize(name)] = image.SizeBytes ?? 0;
                }
            }

            ImageSizes = images;
        }
    }

    /// <summary>status.allocatable in scheduler units.</summary>
    public ResourceList Allocatable { get; private set; } = new();
    /// <summary>Sizes of the images the node reports, by normalized name.</summary>
    public IReadOnlyDictionary<string, long> ImageSizes { get; private set; } = new Dictionary<string, long>();
    public string Name => Node?.Metadata?.Name ?? "";
    public IReadOnlyDictionary<string, string> Labels => Node?.Metadata?.Labels ?? (IReadOnlyDictionary<string, string>)EmptyLabels;
    public IReadOnlyList<PodInfo> Pods => _pods;
    public IReadOnlyList<PodInfo> PodsWithAffinity => _podsWithAffinity;
    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity;
    public IReadOnlyList<HostPort> UsedPorts => _usedPorts;
    public ResourceList Requested { get; private set; } = new();
    public long NonZeroMilliCpu { get; private set; }
    public long NonZeroMemory { get; private set; }

    private static readonly Dictionary<string, string> EmptyLabels = [];

    public void AddPod(PodInfo pod)
    {
        _pods.Add(pod);
        if (pod.HasAffinityTerms)
        {
            _podsWithAffinity.Add(pod);
        }

        if (pod.RequiredAntiAffinity.Count > 0)
        {
            _podsWithRequiredAntiAffinity.Add(pod);
        }

        _usedPorts.AddRange(pod.Ports);
        Requested.Add(pod.Requests);
        NonZeroMilliCpu += pod.NonZeroMilliCpu;
        NonZeroMemory += pod.NonZeroMemory;
    }

    /// <summary>Removes the pod with <paramref name="key"/>; false when it is not here.</summary>
    public bool RemovePod(string key)
    {
        var index = _pods.FindIndex(p => p.Key == key);
        if (index < 0)
        {
            return false;
        }

        var pod = _pods[index];
        _pods.RemoveAt(index);
        _podsWithAffinity.Remove(pod);
        _podsWithRequiredAntiAffinity.Remove(pod);
        foreach (var port in pod.Ports)
        {
            _usedPorts.Remove(port);
        }

        Requested.Subtract(pod.Requests);
        NonZeroMilliCpu -= pod.NonZeroMilliCpu;
        NonZeroMemory -= pod.NonZeroMemory;
        return true;
    }

    /// <summary>A copy that can be changed (preemption's what-if) without touching this one.</summary>
    public NodeInfo Clone()
    {
        var copy = new NodeInfo(Node);
        foreach (var pod in _pods)
        {
            copy.AddPod(pod);
        }

        return copy;
    }
}

/// <summary>Image references compared the way the runtime resolves them: docker.io/library/ for bare names, :latest when untagged.</summary>
internal static class ImageNames
{
    public static string Normalize(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return image;
        }

        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : image[..slash];
        var name = slash < 0 || !(first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            ? "docker.io/" + (slash < 0 ? "library/" + image : image)
            : image;
        var lastSlash = name.LastIndexOf('/');
        return name.IndexOf(':', lastSlash + 1) < 0 ? name + ":latest" : name;
    }
}
