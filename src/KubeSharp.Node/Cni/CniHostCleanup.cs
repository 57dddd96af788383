namespace KubeSharp.Node.Cni;

/// <summary>
/// Removes what CNI plugins leave on the host after the last pod of a network is gone: the bridge,
/// host-local's lease directory and (when no other network still maps host ports) portmap's chains.
/// </summary>
internal static class CniHostCleanup
{
    private const string HostPortChainPrefix = "CNI-HOSTPORT-";

    public static async Task RemoveNetworkAsync(CniNetwork network, CancellationToken cancellationToken = default)
    {
        // "Cannot find device" when it is already gone is fine.
        await HostCommand.RunAsync("ip", ["link", "delete", network.BridgeName, "type", "bridge"], cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(network.LeaseDirectory))
        {
            Directory.Delete(network.LeaseDirectory, recursive: true);
        }

        await RemoveHostPortChainsIfUnusedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes portmap's shared CNI-HOSTPORT-* chains of the nat table, and the jumps to them, but only when
    /// CNI-HOSTPORT-DNAT holds no mapping: other networks on this machine may still use them.
    /// </summary>
    public static async Task RemoveHostPortChainsIfUnusedAsync(CancellationToken cancellationToken = default)
    {
        var listing = await HostCommand.RunAsync("iptables", ["-w", "-t", "nat", "-S"], cancellationToken).ConfigureAwait(false);
        if (!listing.Succeeded)
        {
            return;
        }

        var rules = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rules.Any(rule => rule.StartsWith("-A CNI-HOSTPORT-DNAT ", StringComparison.Ordinal)))
        {
            return;
        }

        // Jumps from the built-in chains first; iptables -S quotes arguments the way a shell reads them.
        foreach (var rule in rules.Where(r => r.StartsWith("-A ", StringComparison.Ordinal) && r.Contains("-j " + HostPortChainPrefix, StringComparison.Ordinal)))
        {
            var owner = rule.Split(' ')[1];
            if (!owner.StartsWith(HostPortChainPrefix, StringComparison.Ordinal))
            {
                await HostCommand.RunAsync("/bin/sh", ["-c", "iptables -w -t nat -D " + rule[3..]], cancellationToken).ConfigureAwait(false);
            }
        }

        var chains = rules
            .Where(r => r.StartsWith("-N " + HostPortChainPrefix, StringComparison.Ordinal))
            .Select(r => r[3..])
            .ToList();
        foreach (var chain in chains)
        {
            await HostCommand.RunAsync("iptables", ["-w", "-t", "nat", "-F", chain], cancellationToken).ConfigureAwait(false);
        }

        foreach (var chain in chains)
        {
            await HostCommand.RunAsync("iptables", ["-w", "-t", "nat", "-X", chain], cancellationToken).ConfigureAwait(false);
        }
    }
}
