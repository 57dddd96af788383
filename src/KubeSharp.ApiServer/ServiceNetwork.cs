using System.Net;

namespace KubeSharp.ApiServer;

/// <summary>An IPv4 CIDR range (service or cluster network) and address arithmetic over it.</summary>
public sealed class ServiceNetwork
{
    private ServiceNetwork(uint network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    public uint Network { get; }
    public int PrefixLength { get; }
    public uint Size => PrefixLength == 0 ? uint.MaxValue : 1u << (32 - PrefixLength);

    /// <summary>The first usable address (network + 1): the `kubernetes` service's cluster IP.</summary>
    public IPAddress First => ToAddress(Network + 1);

    public static ServiceNetwork Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(cidr[..slash]);
        var prefix = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var value = ToUInt(address);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new ServiceNetwork(value & mask, prefix);
    }

    public bool Contains(IPAddress address)
    {
        var mask = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
        return (ToUInt(address) & mask) == Network;
    }

    public IPAddress At(uint offset) => ToAddress(Network + offset);

    public static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    public static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    public override string ToString() => $"{ToAddress(Network)}/{PrefixLength}";
}
