using System.Net;
using System.Net.Sockets;

namespace KubeSharp.Node.Hollow;

/// <summary>
/// Fake pod IPs for one hollow node: hands out the host addresses of an IPv4 CIDR, skipping the
/// network address, the first host (the bridge gateway on a real node) and the broadcast address.
/// A pod keeps its address until released; the same pod asking again gets the same address.
/// Thread-safe.
/// </summary>
internal sealed class PodAddressPool
{
    private readonly uint _first;
    private readonly uint _last;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, uint> _byPod = new(StringComparer.Ordinal);
    private readonly HashSet<uint> _used = [];
    private uint _next;

    /// <param name="cidr">An IPv4 CIDR with a prefix of /30 or shorter, e.g. 10.42.3.0/24.</param>
    public PodAddressPool(string cidr)
    {
        var (network, prefixLength) = Ipv4Cidr.Parse(cidr);
        if (prefixLength > 30)
        {
            throw new ArgumentException($"pod CIDR {cidr} has no room for pods (prefix longer than /30)", nameof(cidr));
        }

        var size = 1UL << (32 - prefixLength);
        _first = network + 2;
        _last = (uint)(network + size - 2);
        _next = _first;
        Cidr = cidr;
    }

    public string Cidr { get; }

    /// <summary>How many addresses can be handed out at once.</summary>
    public int Capacity => (int)(_last - _first + 1);

    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _used.Count;
            }
        }
    }

    /// <summary>The pod's address: the one it already holds, else the next free one; null when the pool is exhausted.</summary>
    public string? Allocate(string podUid)
    {
        lock (_gate)
        {
            if (_byPod.TryGetValue(podUid, out var held))
            {
                return Ipv4Cidr.Format(held);
            }

            for (var tried = 0; tried < Capacity; tried++)
            {
                var candidate = _next;
                _next = _next == _last ? _first : _next + 1;
                if (_used.Add(candidate))
                {
                    _byPod[podUid] = candidate;
                    return Ipv4Cidr.Format(candidate);
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Records that the pod already holds <paramref name="address"/> (seen on a pod that was running
    /// before this process started). False when the address is outside the pool or held by another pod.
    /// </summary>
    public bool Reserve(string podUid, string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var value = Ipv4Cidr.ToUInt32(ip);
        if (value < _first || value > _last)
        {
            return false;
        }

        lock (_gate)
        {
            if (_byPod.TryGetValue(podUid, out var held))
            {
                return held == value;
            }

            if (!_used.Add(value))
            {
                return false;
            }

            _byPod[podUid] = value;
            return true;
        }
    }

    /// <summary>Frees the pod's address, if it holds one.</summary>
    public void Release(string podUid)
    {
        lock (_gate)
        {
            if (_byPod.Remove(podUid, out var held))
            {
                _used.Remove(held);
            }
        }
    }
}

/// <summary>IPv4 CIDR arithmetic for the hollow nodes' fake pod networks.</summary>
internal static class Ipv4Cidr
{
    /// <summary>The network address (host bits cleared) and prefix length of "a.b.c.d/n".</summary>
    public static (uint Network, int PrefixLength) Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var ip)
            || ip.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefixLength)
            || prefixLength > 32)
        {
            throw new FormatException($"not an IPv4 CIDR: {cidr}");
        }

        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return (ToUInt32(ip) & mask, prefixLength);
    }

    /// <summary>
    /// The <paramref name="index"/>-th subnet of length <paramref name="subnetPrefixLength"/> inside
    /// <paramref name="range"/>, wrapping around when the range holds fewer subnets.
    /// </summary>
    public static string Subnet(string range, long index, int subnetPrefixLength)
    {
        var (network, prefixLength) = Parse(range);
        if (subnetPrefixLength < prefixLength || subnetPrefixLength > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(subnetPrefixLength), $"/{subnetPrefixLength} does not fit in {range}");
        }

        var count = 1L << (subnetPrefixLength - prefixLength);
        var slot = ((index % count) + count) % count;
        var start = network + (uint)(slot << (32 - subnetPrefixLength));
        return Format(start) + "/" + subnetPrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static uint ToUInt32(IPAddress ip)
    {
        Span<byte> bytes = stackalloc byte[4];
        ip.TryWriteBytes(bytes, out _);
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    public static string Format(uint address) => new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]).ToString();
}
