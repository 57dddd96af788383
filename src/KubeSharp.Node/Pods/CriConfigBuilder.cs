using System.Globalization;
using Google.Protobuf;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Cri.V1;
using Container = KubeSharp.Api.Core.V1.Container;

namespace KubeSharp.Node.Pods;

/// <summary>Turns a pod into the CRI sandbox and container configurations, with the kubelet's labels and conventions.</summary>
internal static class CriConfigBuilder
{
    public const string PodUidLabel = "io.kubernetes.pod.uid";
    public const string PodNameLabel = "io.kubernetes.pod.name";
    public const string PodNamespaceLabel = "io.kubernetes.pod.namespace";
    public const string ContainerNameLabel = "io.kubernetes.container.name";
    public const string DefaultTerminationMessagePath = "/dev/termination-log";

    public static string LogDirectory(string logsRoot, Pod pod) =>
        Path.Combine(logsRoot, $"{pod.Metadata?.Namespace}_{pod.Metadata?.Name}_{pod.Metadata?.Uid}");

    public static PodSandboxConfig Sandbox(Pod pod, uint attempt, string logDirectory, string cgroupParent, DnsSettings dns)
    {
        var meta = pod.Metadata!;
        var spec = pod.Spec ?? new PodSpec();
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = meta.Name, Namespace = meta.Namespace, Uid = meta.Uid, Attempt = attempt },
            Hostname = spec.HostNetwork == true ? "" : Hostname(pod),
            LogDirectory = logDirectory,
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = cgroupParent,
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption
                    {
                        Network = spec.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
                        Pid = spec.HostPID == true ? NamespaceMode.Node : spec.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
                        Ipc = spec.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
                    },
                },
            },
        };
        if (spec.SecurityContext is { } podSecurity)
        {
            if (podSecurity.RunAsUser is { } user)
            {
                config.Linux.SecurityContext.RunAsUser = new Int64Value { Value = user };
            }

            if (podSecurity.RunAsGroup is { } group)
            {
                config.Linux.SecurityContext.RunAsGroup = new Int64Value { Value = group };
            }

            config.Linux.SecurityContext.SupplementalGroups.AddRange(podSecurity.SupplementalGroups ?? []);
            if (podSecurity.FsGroup is { } fsGroup)
            {
                config.Linux.SecurityContext.SupplementalGroups.Add(fsGroup);
            }

            foreach (var sysctl in podSecurity.Sysctls ?? [])
            {
                config.Linux.Sysctls[sysctl.Name ?? ""] = sysctl.Value ?? "";
            }
        }

        config.DnsConfig = new DNSConfig();
        config.DnsConfig.Servers.AddRange(dns.Servers);
        config.DnsConfig.Searches.AddRange(dns.Searches);
        config.DnsConfig.Options.AddRange(dns.Options);

        foreach (var port in (spec.Containers ?? []).SelectMany(c => c.Ports ?? []).Where(p => p.HostPort is > 0))
        {
            config.PortMappings.Add(new PortMapping
            {
                Protocol = port.Protocol switch { "UDP" => Protocol.Udp, "SCTP" => Protocol.Sctp, _ => Protocol.Tcp },
                ContainerPort = port.ContainerPortValue ?? 0,
                HostPort = port.HostPort ?? 0,
                HostIp = port.HostIP ?? "",
            });
        }

        foreach (var (key, value) in meta.Labels ?? [])
        {
            config.Labels[key] = value;
        }

        config.Labels[PodNameLabel] = meta.Name ?? "";
        config.Labels[PodNamespaceLabel] = meta.Namespace ?? "";
        config.Labels[PodUidLabel] = meta.Uid ?? "";
        foreach (var (key, value) in meta.Annotations ?? [])
        {
            config.Annotations[key] = value;
        }

        return config;
    }

    /// <summary>The pod's hostname: spec.hostname, else the pod name, cut to 63 characters.</summary>
    public static string Hostname(Pod pod)
    {
        var name = pod.Spec?.Hostname is { Length: > 0 } hostname ? hostname : pod.Metadata?.Name ?? "";
        return name.Length > 63 ? name[..63].TrimEnd('-', '.') : name;
    }

    public static ContainerConfig Container(
        Pod pod,
        Container container,
        uint attempt,
        string imageRef,
        IReadOnlyList<KeyValuePair<string, string>> environment,
        IReadOnlyList<Mount> mounts,
        LinuxContainerResources resources)
    {
        var meta = pod.Metadata!;
        string Expand(string s) => VariableExpansion.Expand(s, name => environment.LastOrDefault(e => e.Key == name).Value);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container.Name, Attempt = attempt },
            Image = new ImageSpec { Image = imageRef, UserSpecifiedImage = container.Image ?? "" },
            WorkingDir = container.WorkingDir ?? "",
            LogPath = Path.Combine(container.Name ?? "", attempt.ToString(CultureInfo.InvariantCulture) + ".log"),
            Stdin = container.Stdin == true,
            StdinOnce = container.StdinOnce == true,
            Tty = container.Tty == true,
            Linux = new LinuxContainerConfig { Resources = resources, SecurityContext = SecurityContext(pod, container) },
        };
        config.Command.AddRange((container.Command ?? []).Select(Expand));
        config.Args.AddRange((container.Args ?? []).Select(Expand));
        config.Envs.AddRange(environment.Select(e => new KeyValue { Key = e.Key, Value = ByteString.CopyFromUtf8(e.Value) }));
        config.Mounts.AddRange(mounts);
        config.Labels[ContainerNameLabel] = container.Name ?? "";
        config.Labels[PodNameLabel] = meta.Name ?? "";
        config.Labels[PodNamespaceLabel] = meta.Namespace ?? "";
        config.Labels[PodUidLabel] = meta.Uid ?? "";
        config.Annotations["io.kubernetes.container.restartCount"] = attempt.ToString(CultureInfo.InvariantCulture);
        config.Annotations["io.kubernetes.container.terminationMessagePath"] = container.TerminationMessagePath ?? DefaultTerminationMessagePath;
        config.Annotations["io.kubernetes.container.terminationMessagePolicy"] = container.TerminationMessagePolicy ?? "File";
        config.Annotations["io.kubernetes.pod.terminationGracePeriod"] = (pod.Spec?.TerminationGracePeriodSeconds ?? 30).ToString(CultureInfo.InvariantCulture);
        return config;
    }

    private static LinuxContainerSecurityContext SecurityContext(Pod pod, Container container)
    {
        var podSecurity = pod.Spec?.SecurityContext;
        var security = container.SecurityContext;
        var context = new LinuxContainerSecurityContext
        {
            Privileged = security?.Privileged == true,
            ReadonlyRootfs = security?.ReadOnlyRootFilesystem == true,
            NoNewPrivs = security?.AllowPrivilegeEscalation == false,
            NamespaceOptions = new NamespaceOption
            {
                Network = pod.Spec?.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
                Pid = pod.Spec?.HostPID == true ? NamespaceMode.Node : pod.Spec?.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
                Ipc = pod.Spec?.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
            },
        };
        if ((security?.RunAsUser ?? podSecurity?.RunAsUser) is { } user)
        {
            context.RunAsUser = new Int64Value { Value = user };
        }

        if ((security?.RunAsGroup ?? podSecurity?.RunAsGroup) is { } group)
        {
            context.RunAsGroup = new Int64Value { Value = group };
        }

        context.SupplementalGroups.AddRange(podSecurity?.SupplementalGroups ?? []);
        if (podSecurity?.FsGroup is { } fsGroup)
        {
            context.SupplementalGroups.Add(fsGroup);
        }

        if (security?.Capabilities is { } capabilities)
        {
            context.Capabilities = new Capability();
            context.Capabilities.AddCapabilities.AddRange((capabilities.Add ?? []).Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c));
            context.Capabilities.DropCapabilities.AddRange((capabilities.Drop ?? []).Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) || c == "ALL" ? c : "CAP_" + c));
        }

        return context;
    }
}

/// <summary>The resolver configuration of a pod's sandbox.</summary>
internal sealed record DnsSettings(IReadOnlyList<string> Servers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options)
{
    /// <summary>
    /// The kubelet's DNS policies: ClusterFirst (the cluster DNS server and the namespace's search domains; the host's
    /// configuration when no cluster DNS is configured or for host-network pods), Default (the host's), None (only
    /// spec.dnsConfig); spec.dnsConfig is merged into each.
    /// </summary>
    public static DnsSettings For(Pod pod, string? clusterDns, string clusterDomain, string hostResolvConf = "/etc/resolv.conf")
    {
        var spec = pod.Spec ?? new PodSpec();
        var policy = spec.DnsPolicy ?? "ClusterFirst";
        var useCluster = clusterDns is not null
            && (policy == "ClusterFirstWithHostNet" || (policy == "ClusterFirst" && spec.HostNetwork != true));
        List<string> servers = [], searches = [], options = [];
        if (useCluster)
        {
            var ns = pod.Metadata?.Namespace ?? "default";
            servers.Add(clusterDns!);
            searches.AddRange([$"{ns}.svc.{clusterDomain}", $"svc.{clusterDomain}", clusterDomain]);
            options.Add("ndots:5");
        }
        else if (policy != "None")
        {
            ReadHost(hostResolvConf, servers, searches, options);
        }

        servers.AddRange(spec.DnsConfig?.Nameservers ?? []);
        searches.AddRange(spec.DnsConfig?.Searches ?? []);
        foreach (var option in spec.DnsConfig?.Options ?? [])
        {
            options.RemoveAll(o => o.Split(':')[0] == option.Name);
            options.Add(option.Value is null ? option.Name ?? "" : $"{option.Name}:{option.Value}");
        }

        return new DnsSettings(servers.Distinct().Take(3).ToList(), searches.Distinct().Take(32).ToList(), options);
    }

    private static void ReadHost(string path, List<string> servers, List<string> searches, List<string> options)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].StartsWith('#'))
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver":
                    servers.Add(fields[1]);
                    break;
                case "search":
                    searches.Clear();
                    searches.AddRange(fields.Skip(1));
                    break;
                case "options":
                    options.AddRange(fields.Skip(1));
                    break;
            }
        }
    }
}
