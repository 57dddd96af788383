using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeSharp.Controllers.NodeIpam;

/// <summary>
/// The pod ranges of a cluster CIDR (IPv4): the cluster range cut into subnets of one mask size,
/// each used by at most one node. Allocation goes round the range from after the last one given,
/// as Kubernetes' range allocator does, so a range a deleted node gave back is not handed out again
/// at once. Not thread-safe: the caller serialises.
/// </summary>
public sealed class PodCidrAllocator
{
    private readonly uint _base;
    private readonly int _maskSize;
    private readonly bool[] _used;
    private int _next;

    public PodCidrAllocator(string clusterCidr, int nodeMaskSize)
    {
        if (!IPNetwork.TryParse(clusterCidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"cluster CIDR \"{clusterCidr}\" is not an IPv4 subnet", nameof(clusterCidr));
        }

        if (nodeMaskSize < network.PrefixLength || nodeMaskSize > 30 || nodeMaskSize - network.PrefixLength > 20)
        {
            throw new ArgumentException($"node CIDR mask size {nodeMaskSize} does not fit cluster CIDR {clusterCidr}", nameof(nodeMaskSize));
        }

        ClusterCidr = network;
        _base = ToUInt32(network.BaseAddress);
        _maskSize = nodeMaskSize;
        _used = new bool[1 << (nodeMaskSize - network.PrefixLength)];
    }

    public IPNetwork ClusterCidr { get; }

    /// <summary>How many node ranges the cluster CIDR holds.</summary>
    public int Capacity => _used.Length;

    /// <summary>How many are in use.</summary>
    public int Used => _used.Count(u => u);

    /// <summary>Marks a node's range as in use; false when it is not one of this allocator's ranges (outside the cluster CIDR, another size or misaligned).</summary>
    public bool Occupy(string cidr)
    {
        if (IndexOf(cidr) is not { } index)
        {
            return false;
        }

        _used[index] = true;
        return true;
    }

    /// <summary>Gives a range back (a deleted node's); ranges not of this allocator are ignored.</summary>
    public void Release(string cidr)
    {
        if (IndexOf(cidr) is { } index)
        {
            _used[index] = false;
        }
    }

    /// <summary>The next free range, now in use; null when every range is taken.</summary>
    public string? Allocate()
    {
        for (var i = 0; i < _used.Length; i++)
        {
            var candidate = (_next + i) % _used.Length;
            if (!_used[candidate])
            {
                _used[candidate] = true;
                _next = (candidate + 1) % _used.Length;
                return Format(candidate);
            }
        }

        return null;
    }

    private string Format(int index)
    {
        var address = _base + ((uint)index << (32 - _maskSize));
        var bytes = new[] { (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address };
        return new IPAddress(bytes) + "/" + _maskSize.ToString(CultureInfo.InvariantCulture);
    }

    private int? IndexOf(string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network) || network.PrefixLength != _maskSize || !ClusterCidr.Contains(network.BaseAddress))
        {
            return null;
        }

        var offset = ToUInt32(network.BaseAddress) - _base;
        return (int)(offset >> (32 - _maskSize));
    }

    private static uint ToUInt32(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }
}
