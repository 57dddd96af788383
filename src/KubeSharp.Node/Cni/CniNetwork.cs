using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Node.Cni;

/// <summary>
/// One node's pod network: a Linux bridge with host-local addresses from the node's pod CIDR, hostPort
/// mappings (portmap) and loopback. Several nodes on one machine need distinct network and bridge names
/// (host-local keeps leases in /var/lib/cni/networks/&lt;name&gt;).
/// </summary>
/// <param name="NetworkName">The CNI network name.</param>
/// <param name="BridgeName">The Linux bridge device; at most 15 characters.</param>
/// <param name="PodCidr">The node's pod subnet, e.g. 10.244.1.0/24; the bridge takes its first address.</param>
internal sealed record CniNetwork(string NetworkName, string BridgeName, string PodCidr)
{
    public const string CniVersion = "1.0.0";

    /// <summary>Where host-local keeps this network's address leases.</summary>
    public string LeaseDirectory => Path.Combine("/var/lib/cni/networks", NetworkName);

    /// <summary>The conflist JSON.</summary>
    public string Render()
    {
        Validate();
        var config = new JsonObject
        {
            ["cniVersion"] = CniVersion,
            ["name"] = NetworkName,
            ["plugins"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "bridge",
                    ["bridge"] = BridgeName,
                    ["isGateway"] = true,
                    ["ipMasq"] = true,
                    ["hairpinMode"] = true,
                    ["ipam"] = new JsonObject
                    {
                        ["type"] = "host-local",
                        ["ranges"] = new JsonArray { new JsonArray { new JsonObject { ["subnet"] = PodCidr } } },
                        ["routes"] = new JsonArray { new JsonObject { ["dst"] = "0.0.0.0/0" } },
                    },
                },
                new JsonObject
                {
                    ["type"] = "portmap",
                    ["capabilities"] = new JsonObject { ["portMappings"] = true },
                },
                new JsonObject { ["type"] = "loopback" },
            },
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Writes the conflist into <paramref name="confDirectory"/> (atomically, so containerd never reads half a file)
    /// and returns its path. containerd picks it up without a restart.
    /// </summary>
    public async Task<string> WriteAsync(string confDirectory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(confDirectory);
        var path = Path.Combine(confDirectory, $"10-{NetworkName}.conflist");
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Render(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private void Validate()
    {
        if (BridgeName.Length is 0 or > 15)
        {
            throw new ArgumentException($"Bridge name '{BridgeName}' must have 1 to 15 characters.");
        }

        if (NetworkName.Length == 0 || NetworkName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Network name '{NetworkName}' must be non-empty and contain no '/'.");
        }

        if (!IPNetwork.TryParse(PodCidr, out _))
        {
            throw new ArgumentException($"Pod CIDR '{PodCidr}' is not a subnet.");
        }
    }
}
