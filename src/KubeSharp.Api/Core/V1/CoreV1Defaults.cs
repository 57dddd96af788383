namespace KubeSharp.Api.Core.V1;

/// <summary>
/// The defaulting the API server applies to core/v1 objects before it validates and stores them
/// (Kubernetes' pkg/apis/core/v1 defaulters, as of 1.32). Each method only fills fields that are
/// unset, so applying it twice changes nothing. Allocation (cluster IPs, node ports) and
/// create-time strategy (namespace finalizers, service-account token volumes) are not defaulting
/// and are left to the API server.
/// </summary>
public static class CoreV1Defaults
{
    public const string DefaultSchedulerName = "default-scheduler";
    public const long DefaultTerminationGracePeriodSeconds = 30;
    public const string DefaultTerminationMessagePath = "/dev/termination-log";

    /// <summary>File mode (0644) of files projected from configMap, secret, downwardAPI and projected volumes.</summary>
    public const int DefaultVolumeFileMode = 420;

    /// <summary>Default session-affinity timeout of a ClientIP service: three hours.</summary>
    public const int DefaultClientIPAffinitySeconds = 10800;

    /// <summary>Label every namespace carries with its own name.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>Applies the defaults of whichever core/v1 kind <paramref name="obj"/> is; other kinds are left alone.</summary>
    public static void Apply(KubernetesObject obj)
    {
        switch (obj)
        {
            case Pod pod: Apply(pod); break;
            case PodTemplate template: Apply(template); break;
            case ReplicationController rc: Apply(rc); break;
            case Service service: Apply(service); break;
            case Endpoints endpoints: Apply(endpoints); break;
            case Namespace ns: Apply(ns); break;
            case Secret secret: Apply(secret); break;
            case PersistentVolume pv: Apply(pv); break;
            case PersistentVolumeClaim pvc: Apply(pvc); break;
            case Node node: Apply(node); break;
            case LimitRange limitRange: Apply(limitRange); break;
            case ResourceQuota quota: Apply(quota); break;
        }
    }

    public static void Apply(Pod pod)
    {
        var spec = pod.Spec ??= new PodSpec();
        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            RequestsDefaultToLimits(container.Resources);
        }

        spec.EnableServiceLinks ??= true;
        if (spec.HostNetwork == true)
        {
            foreach (var port in (spec.Containers ?? []).Concat(spec.InitContainers ?? []).SelectMany(c => c.Ports ?? []))
            {
                if (port.HostPort is null or 0)
                {
                    port.HostPort = port.ContainerPortValue;
                }
            }
        }

        Apply(spec);
    }

    /// <summary>Defaults a pod spec wherever it appears (pods and every pod template).</summary>
    public static void Apply(PodSpec spec)
    {
        if (string.IsNullOrEmpty(spec.DnsPolicy))
        {
            spec.DnsPolicy = "ClusterFirst";
        }

        if (string.IsNullOrEmpty(spec.RestartPolicy))
        {
            spec.RestartPolicy = "Always";
        }

        spec.SecurityContext ??= new PodSecurityContext();
        spec.TerminationGracePeriodSeconds ??= DefaultTerminationGracePeriodSeconds;
        if (string.IsNullOrEmpty(spec.SchedulerName))
        {
            spec.SchedulerName = DefaultSchedulerName;
        }

        foreach (var volume in spec.Volumes ?? [])
        {
            Apply(volume);
        }

        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            Apply(container);
        }

        foreach (var container in spec.EphemeralContainers ?? [])
        {
            Apply(container);
        }

        RoundUpToMilli(spec.Overhead);
        if (spec.Resources is { } podResources)
        {
            RoundUpToMilli(podResources.Limits);
            RoundUpToMilli(podResources.Requests);
        }
    }

    public static void Apply(PodTemplateSpec template) => Apply(template.Spec ??= new PodSpec());

    public static void Apply(PodTemplate template) => Apply(template.Template ??= new PodTemplateSpec());

    public static void Apply(Container container)
    {
        if (string.IsNullOrEmpty(container.ImagePullPolicy))
        {
            container.ImagePullPolicy = PullPolicyFor(container.Image);
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePath))
        {
            container.TerminationMessagePath = DefaultTerminationMessagePath;
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePolicy))
        {
            container.TerminationMessagePolicy = "File";
        }

        ApplyNested(container.Ports, container.Env, container.Resources, container.LivenessProbe, container.ReadinessProbe, container.StartupProbe, container.Lifecycle);
    }

    public static void Apply(EphemeralContainer container)
    {
        if (string.IsNullOrEmpty(container.ImagePullPolicy))
        {
            container.ImagePullPolicy = PullPolicyFor(container.Image);
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePath))
        {
            container.TerminationMessagePath = DefaultTerminationMessagePath;
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePolicy))
        {
            container.TerminationMessagePolicy = "File";
        }

        ApplyNested(container.Ports, container.Env, container.Resources, container.LivenessProbe, container.ReadinessProbe, container.StartupProbe, container.Lifecycle);
    }

    /// <summary>
    /// The pull policy Kubernetes chooses for an image: Always when the tag is "latest" or when
    /// there is neither a tag nor a digest, IfNotPresent otherwise.
    /// </summary>
    public static string PullPolicyFor(string? image) => ImageTag(image ?? "") == "latest" ? "Always" : "IfNotPresent";

    public static void Apply(Probe probe)
    {
        probe.TimeoutSeconds ??= 1;
        probe.PeriodSeconds ??= 10;
        probe.SuccessThreshold ??= 1;
        probe.FailureThreshold ??= 3;
        ApplyHandler(probe.HttpGet, probe.Grpc);
    }

    public static void Apply(Volume volume)
    {
        if (!HasSource(volume))
        {
            volume.EmptyDir = new EmptyDirVolumeSource();
        }

        if (volume.HostPath is { } hostPath)
        {
            hostPath.Type ??= "";
        }

        if (volume.Secret is { } secret)
        {
            secret.DefaultMode ??= DefaultVolumeFileMode;
        }

        if (volume.ConfigMap is { } configMap)
        {
            configMap.DefaultMode ??= DefaultVolumeFileMode;
        }

        if (volume.DownwardAPI is { } downwardApi)
        {
            downwardApi.DefaultMode ??= DefaultVolumeFileMode;
            DefaultFieldRefs(downwardApi.Items);
        }

        if (volume.Projected is { } projected)
        {
            projected.DefaultMode ??= DefaultVolumeFileMode;
            foreach (var source in projected.Sources ?? [])
            {
                if (source.ServiceAccountToken is { } token)
                {
                    token.ExpirationSeconds ??= 3600;
                }

                DefaultFieldRefs(source.DownwardAPI?.Items);
            }
        }

        if (volume.Image is { } image && string.IsNullOrEmpty(image.PullPolicy))
        {
            image.PullPolicy = PullPolicyFor(image.Reference);
        }

        if (volume.Ephemeral?.VolumeClaimTemplate?.Spec is { } claimSpec)
        {
            Apply(claimSpec);
        }

        if (volume.Rbd is { } rbd)
        {
            rbd.Pool = OrDefault(rbd.Pool, "rbd");
            rbd.User = OrDefault(rbd.User, "admin");
            rbd.Keyring = OrDefault(rbd.Keyring, "/etc/ceph/keyring");
        }

        if (volume.Iscsi is { } iscsi)
        {
            iscsi.IscsiInterface = OrDefault(iscsi.IscsiInterface, "default");
        }

        if (volume.AzureDisk is { } azureDisk)
        {
            Apply(azureDisk);
        }

        if (volume.ScaleIO is { } scaleIo)
        {
            scaleIo.StorageMode = OrDefault(scaleIo.StorageMode, "ThinProvisioned");
            scaleIo.FsType = OrDefault(scaleIo.FsType, "xfs");
        }
    }

    public static void Apply(ReplicationController rc)
    {
        var spec = rc.Spec ??= new ReplicationControllerSpec();
        if (spec.Template?.Metadata?.Labels is { } templateLabels)
        {
            if (spec.Selector is null || spec.Selector.Count == 0)
            {
                spec.Selector = new Dictionary<string, string>(templateLabels);
            }

            if (rc.Metadata?.Labels is null || rc.Metadata.Labels.Count == 0)
            {
                rc.Meta.Labels = new Dictionary<string, string>(templateLabels);
            }
        }

        spec.Replicas ??= 1;
        if (spec.Template is { } template)
        {
            Apply(template);
        }
    }

    public static void Apply(Service service)
    {
        var spec = service.Spec ??= new ServiceSpec();
        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            spec.SessionAffinity = "None";
        }

        if (spec.SessionAffinity == "None")
        {
            spec.SessionAffinityConfig = null;
        }
        else if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = DefaultClientIPAffinitySeconds } };
        }

        if (string.IsNullOrEmpty(spec.Type))
        {
            spec.Type = "ClusterIP";
        }

        foreach (var port in spec.Ports ?? [])
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }

            if (port.TargetPort is null || port.TargetPort.IntValue == 0 || port.TargetPort.StringValue == "")
            {
                port.TargetPort = IntOrString.FromInt(port.Port ?? 0);
            }
        }

        var externallyAccessible = spec.Type is "NodePort" or "LoadBalancer" || (spec.Type == "ClusterIP" && spec.ExternalIPs is { Count: > 0 });
        if (externallyAccessible && string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            spec.ExternalTrafficPolicy = "Cluster";
        }

        if (spec.InternalTrafficPolicy is null && spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            spec.InternalTrafficPolicy = "Cluster";
        }

        // Kubernetes settles the IP family fields while it allocates cluster IPs; on a
        // single-stack cluster the outcome is this one.
        if (spec.Type != "ExternalName")
        {
            spec.IpFamilyPolicy ??= "SingleStack";
            if (spec.IpFamilies is null || spec.IpFamilies.Count == 0)
            {
                var firstIp = spec.ClusterIPs?.FirstOrDefault() ?? spec.ClusterIP;
                spec.IpFamilies = [firstIp is not null && firstIp.Contains(':', StringComparison.Ordinal) ? "IPv6" : "IPv4"];
            }
        }

        if (spec.Type == "LoadBalancer")
        {
            spec.AllocateLoadBalancerNodePorts ??= true;
            foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
            {
                if (!string.IsNullOrEmpty(ingress.Ip) && ingress.IpMode is null)
                {
                    ingress.IpMode = "VIP";
                }
            }
        }
    }

    public static void Apply(Endpoints endpoints)
    {
        foreach (var port in (endpoints.Subsets ?? []).SelectMany(s => s.Ports ?? []))
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }
        }
    }

    public static void Apply(Namespace ns)
    {
        if (!string.IsNullOrEmpty(ns.Metadata?.Name))
        {
            var labels = ns.Meta.Labels ??= [];
            labels[NamespaceNameLabel] = ns.Meta.Name!;
        }

        var status = ns.Status ??= new NamespaceStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status.Phase = "Active";
        }
    }

    public static void Apply(Secret secret)
    {
        if (string.IsNullOrEmpty(secret.Type))
        {
            secret.Type = "Opaque";
        }
    }

    public static void Apply(PersistentVolume pv)
    {
        var status = pv.Status ??= new PersistentVolumeStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status.Phase = "Pending";
        }

        var spec = pv.Spec ??= new PersistentVolumeSpec();
        if (string.IsNullOrEmpty(spec.PersistentVolumeReclaimPolicy))
        {
            spec.PersistentVolumeReclaimPolicy = "Retain";
        }

        spec.VolumeMode ??= "Filesystem";
        RoundUpToMilli(spec.Capacity);
        if (spec.HostPath is { } hostPath)
        {
            hostPath.Type ??= "";
        }

        if (spec.Rbd is { } rbd)
        {
            rbd.Pool = OrDefault(rbd.Pool, "rbd");
            rbd.User = OrDefault(rbd.User, "admin");
            rbd.Keyring = OrDefault(rbd.Keyring, "/etc/ceph/keyring");
        }

        if (spec.Iscsi is { } iscsi)
        {
            iscsi.IscsiInterface = OrDefault(iscsi.IscsiInterface, "default");
        }

        if (spec.AzureDisk is { } azureDisk)
        {
            Apply(azureDisk);
        }

        if (spec.ScaleIO is { } scaleIo)
        {
            scaleIo.StorageMode = OrDefault(scaleIo.StorageMode, "ThinProvisioned");
            scaleIo.FsType = OrDefault(scaleIo.FsType, "xfs");
        }
    }

    public static void Apply(PersistentVolumeClaim pvc)
    {
        var status = pvc.Status ??= new PersistentVolumeClaimStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status.Phase = "Pending";
        }

        RoundUpToMilli(status.Capacity);
        RoundUpToMilli(status.AllocatedResources);
        Apply(pvc.Spec ??= new PersistentVolumeClaimSpec());
    }

    public static void Apply(PersistentVolumeClaimSpec spec)
    {
        spec.VolumeMode ??= "Filesystem";
        if (spec.Resources is { } resources)
        {
            RoundUpToMilli(resources.Limits);
            RoundUpToMilli(resources.Requests);
        }
    }

    public static void Apply(Node node)
    {
        if (node.Status is not { } status)
        {
            return;
        }

        RoundUpToMilli(status.Capacity);
        RoundUpToMilli(status.Allocatable);
        if (status.Allocatable is null && status.Capacity is not null)
        {
            status.Allocatable = new Dictionary<string, Quantity>(status.Capacity);
        }
    }

    public static void Apply(LimitRange limitRange)
    {
        foreach (var item in limitRange.Spec?.Limits ?? [])
        {
            RoundUpToMilli(item.Max);
            RoundUpToMilli(item.Min);
            RoundUpToMilli(item.Default);
            RoundUpToMilli(item.DefaultRequest);
            RoundUpToMilli(item.MaxLimitRequestRatio);
            if (item.Type != "Container")
            {
                continue;
            }

            // Default limit falls back to max; default request to the default limit, then to min.
            // Empty maps stay null: Kubernetes omits them when it serializes.
            item.Default = FillMissing(item.Default, item.Max);
            item.DefaultRequest = FillMissing(item.DefaultRequest, item.Default);
            item.DefaultRequest = FillMissing(item.DefaultRequest, item.Min);
        }
    }

    public static void Apply(ResourceQuota quota)
    {
        RoundUpToMilli(quota.Spec?.Hard);
        RoundUpToMilli(quota.Status?.Hard);
        RoundUpToMilli(quota.Status?.Used);
    }

    private static void ApplyNested(List<ContainerPort>? ports, List<EnvVar>? env, ResourceRequirements? resources, Probe? liveness, Probe? readiness, Probe? startup, Lifecycle? lifecycle)
    {
        foreach (var port in ports ?? [])
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }
        }

        foreach (var variable in env ?? [])
        {
            if (variable.ValueFrom?.FieldRef is { } fieldRef && string.IsNullOrEmpty(fieldRef.ApiVersion))
            {
                fieldRef.ApiVersion = "v1";
            }
        }

        if (resources is not null)
        {
            RoundUpToMilli(resources.Limits);
            RoundUpToMilli(resources.Requests);
        }

        foreach (var probe in new[] { liveness, readiness, startup })
        {
            if (probe is not null)
            {
                Apply(probe);
            }
        }

        ApplyHandler(lifecycle?.PostStart?.HttpGet, null);
        ApplyHandler(lifecycle?.PreStop?.HttpGet, null);
    }

    private static void ApplyHandler(HTTPGetAction? httpGet, GRPCAction? grpc)
    {
        if (httpGet is not null)
        {
            httpGet.Path = OrDefault(httpGet.Path, "/");
            httpGet.Scheme = OrDefault(httpGet.Scheme, "HTTP");
        }

        if (grpc is not null)
        {
            grpc.Service ??= "";
        }
    }

    private static void Apply(AzureDiskVolumeSource disk)
    {
        disk.CachingMode ??= "ReadWrite";
        disk.FsType ??= "ext4";
        disk.ReadOnly ??= false;
        disk.Kind ??= "Shared";
    }

    private static void DefaultFieldRefs(List<DownwardAPIVolumeFile>? items)
    {
        foreach (var item in items ?? [])
        {
            if (item.FieldRef is { } fieldRef && string.IsNullOrEmpty(fieldRef.ApiVersion))
            {
                fieldRef.ApiVersion = "v1";
            }
        }
    }

    private static void RequestsDefaultToLimits(ResourceRequirements? resources)
    {
        if (resources?.Limits is not { } limits)
        {
            return;
        }

        var requests = resources.Requests ??= [];
        foreach (var (name, limit) in limits)
        {
            requests.TryAdd(name, limit);
        }
    }

    private static bool HasSource(VolumeSource source) =>
        typeof(VolumeSource).GetProperties().Any(p => p.DeclaringType == typeof(VolumeSource) && p.GetValue(source) is not null);

    private static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static Dictionary<string, Quantity>? FillMissing(Dictionary<string, Quantity>? target, Dictionary<string, Quantity>? source)
    {
        if (source is null || source.Count == 0)
        {
            return target;
        }

        target ??= [];
        foreach (var (name, value) in source)
        {
            target.TryAdd(name, value);
        }

        return target;
    }

    /// <summary>Kubernetes rounds every resource quantity up to a whole number of thousandths.</summary>
    private static void RoundUpToMilli(Dictionary<string, Quantity>? resources)
    {
        if (resources is null)
        {
            return;
        }

        foreach (var (name, quantity) in resources.ToList())
        {
            var milli = quantity.Value * 1000m;
            if (milli != decimal.Truncate(milli))
            {
                resources[name] = new Quantity(decimal.Ceiling(milli) / 1000m, quantity.QuantityFormat);
            }
        }
    }

    /// <summary>The tag of an image reference: "latest" when it has neither tag nor digest, "" when it has only a digest.</summary>
    private static string ImageTag(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            return name[(colon + 1)..];
        }

        return at >= 0 ? "" : "latest";
    }
}
