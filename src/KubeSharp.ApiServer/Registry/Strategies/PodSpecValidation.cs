using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>
/// The essentials of Kubernetes' pod spec validation (ValidatePodSpec), for pods and every pod
/// template: containers, names, images, ports, policies, volumes, mounts and resources.
/// </summary>
internal static partial class PodSpecValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    /// <param name="path">Path of the spec, e.g. "spec" or "spec.template.spec".</param>
    public static IEnumerable<FieldError> Validate(PodSpec? spec, string path)
    {
        if (spec is null)
        {
            yield return FieldError.Required(path);
            yield break;
        }

        var volumeNames = new HashSet<string>(StringComparer.Ordinal);
        var volumes = spec.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            var at = FieldRules.Index(path + ".volumes", i);
            var name = volumes[i].Name;
            foreach (var e in FieldRules.Dns1123Label(at + ".name", name))
            {
                yield return e;
            }

            if (!string.IsNullOrEmpty(name) && !volumeNames.Add(name))
            {
                yield return FieldError.Duplicate(at + ".name", name);
            }
        }

        var containerNames = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Containers is not { Count: > 0 })
        {
            yield return FieldError.Required(path + ".containers");
        }

        foreach (var e in Containers(spec.Containers, path + ".containers", containerNames, volumeNames))
        {
            yield return e;
        }

        foreach (var e in Containers(spec.InitContainers, path + ".initContainers", containerNames, volumeNames))
        {
            yield return e;
        }

        switch (spec.RestartPolicy)
        {
            case "Always" or "OnFailure" or "Never":
                break;
            case null or "":
                yield return FieldError.Required(path + ".restartPolicy");
                break;
            default:
                yield return FieldError.NotSupported(path + ".restartPolicy", spec.RestartPolicy, RestartPolicies);
                break;
        }

        switch (spec.DnsPolicy)
        {
            case "ClusterFirstWithHostNet" or "ClusterFirst" or "Default" or "None":
                break;
            case null or "":
                yield return FieldError.Required(path + ".dnsPolicy");
                break;
            default:
                yield return FieldError.NotSupported(path + ".dnsPolicy", spec.DnsPolicy, DnsPolicies);
                break;
        }

        if (spec.DnsPolicy == "None" && spec.DnsConfig is null)
        {
            yield return FieldError.Required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None");
        }

        if (spec.ActiveDeadlineSeconds is { } deadline && deadline <= 0)
        {
            yield return FieldError.Invalid(path + ".activeDeadlineSeconds", deadline, "must be between 1 and 2147483647, inclusive");
        }

        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            foreach (var e in ObjectMetaValidation.Dns1123Subdomain(spec.NodeName))
            {
                yield return FieldError.Invalid(path + ".nodeName", spec.NodeName, e);
            }
        }

        if (!string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            foreach (var e in ObjectMetaValidation.Dns1123Subdomain(spec.ServiceAccountName))
            {
                yield return FieldError.Invalid(path + ".serviceAccountName", spec.ServiceAccountName, e);
            }
        }

        foreach (var e in ObjectMetaValidation.Labels(spec.NodeSelector, path + ".nodeSelector"))
        {
            yield return e;
        }

        foreach (var e in Sysctls(spec.SecurityContext?.Sysctls, path + ".securityContext.sysctls"))
        {
            yield return e;
        }
    }

    private const string SysctlNamePattern = @"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

    [System.Text.RegularExpressions.GeneratedRegex(SysctlNamePattern)]
    private static partial System.Text.RegularExpressions.Regex SysctlName();

    private static IEnumerable<FieldError> Sysctls(List<Sysctl>? sysctls, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (sysctls?.Count ?? 0); i++)
        {
            var name = sysctls![i].Name;
            var at = FieldRules.Index(path, i) + ".name";
            if (string.IsNullOrEmpty(name))
            {
                yield return FieldError.Required(at);
            }
            else if (name.Length > 253 || !SysctlName().IsMatch(name))
            {
                yield return FieldError.Invalid(at, name, $"must have at most 253 characters and match regex {SysctlNamePattern}");
            }
            else if (!names.Add(name))
            {
                yield return FieldError.Duplicate(at, name);
            }
        }
    }

    private static IEnumerable<FieldError> Containers(List<Container>? containers, string path, HashSet<string> names, HashSet<string> volumes)
    {
        containers ??= [];
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var at = FieldRules.Index(path, i);
            foreach (var e in FieldRules.Dns1123Label(at + ".name", c.Name))
            {
                yield return e;
            }

            if (!string.IsNullOrEmpty(c.Name) && !names.Add(c.Name))
            {
                yield return FieldError.Duplicate(at + ".name", c.Name);
            }

            if (string.IsNullOrWhiteSpace(c.Image))
            {
                yield return FieldError.Required(at + ".image");
            }

            if (!string.IsNullOrEmpty(c.ImagePullPolicy) && !PullPolicies.Contains(c.ImagePullPolicy))
            {
                yield return FieldError.NotSupported(at + ".imagePullPolicy", c.ImagePullPolicy, PullPolicies);
            }

            foreach (var e in Ports(c.Ports, at + ".ports"))
            {
                yield return e;
            }

            var mounts = c.VolumeMounts ?? [];
            var mountPaths = new HashSet<string>(StringComparer.Ordinal);
            for (var m = 0; m < mounts.Count; m++)
            {
                var mount = mounts[m];
                var mountAt = FieldRules.Index(at + ".volumeMounts", m);
                if (string.IsNullOrEmpty(mount.Name))
                {
                    yield return FieldError.Required(mountAt + ".name");
                }
                else if (!volumes.Contains(mount.Name))
                {
                    yield return FieldRules.NotFound(mountAt + ".name", mount.Name);
                }

                if (string.IsNullOrEmpty(mount.MountPath))
                {
                    yield return FieldError.Required(mountAt + ".mountPath");
                }
                else if (!mountPaths.Add(mount.MountPath))
                {
                    yield return FieldError.Invalid(mountAt + ".mountPath", mount.MountPath, "must be unique");
                }
            }

            foreach (var e in Resources(c.Resources, at + ".resources"))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<FieldError> Ports(List<ContainerPort>? ports, string path)
    {
        ports ??= [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            var at = FieldRules.Index(path, i);
            if (!string.IsNullOrEmpty(p.Name))
            {
                foreach (var e in FieldRules.PortName(p.Name))
                {
                    yield return FieldError.Invalid(at + ".name", p.Name, e);
                }

                if (!names.Add(p.Name))
                {
                    yield return FieldError.Duplicate(at + ".name", p.Name);
                }
            }

            if (p.ContainerPortValue is null or 0)
            {
                yield return FieldError.Required(at + ".containerPort");
            }
            else
            {
                foreach (var e in FieldRules.PortNumber(p.ContainerPortValue.Value))
                {
                    yield return FieldError.Invalid(at + ".containerPort", p.ContainerPortValue.Value, e);
                }
            }

            if (p.HostPort is { } hostPort and not 0)
            {
                foreach (var e in FieldRules.PortNumber(hostPort))
                {
                    yield return FieldError.Invalid(at + ".hostPort", hostPort, e);
                }
            }

            if (string.IsNullOrEmpty(p.Protocol))
            {
                yield return FieldError.Required(at + ".protocol");
            }
            else if (!Protocols.Contains(p.Protocol))
            {
                yield return FieldError.NotSupported(at + ".protocol", p.Protocol, Protocols);
            }
        }
    }

    /// <summary>Requests may not exceed limits; quantities may not be negative.</summary>
    internal static IEnumerable<FieldError> Resources(ResourceRequirements? resources, string path)
    {
        if (resources is null)
        {
            yield break;
        }

        foreach (var (name, q) in resources.Limits ?? [])
        {
            if (q.Value < 0)
            {
                yield return FieldError.Invalid($"{path}.limits[{name}]", q.ToString(), "must be greater than or equal to 0");
            }
        }

        foreach (var (name, q) in resources.Requests ?? [])
        {
            if (q.Value < 0)
            {
                yield return FieldError.Invalid($"{path}.requests[{name}]", q.ToString(), "must be greater than or equal to 0");
            }

            if (resources.Limits?.TryGetValue(name, out var limit) == true && q.CompareTo(limit) > 0)
            {
                yield return FieldError.Invalid($"{path}.requests[{name}]", q.ToString(), $"must be less than or equal to {name} limit of {limit}");
            }
        }
    }

    /// <summary>
    /// Checks of a pod template owned by a controller: labels matching the controller's selector
    /// (when it has one) and the pod spec. Returns the errors under <paramref name="path"/>
    /// (e.g. "spec.template").
    /// </summary>
    public static IEnumerable<FieldError> Template(PodTemplateSpec? template, string path, Api.Selectors.LabelQuery? selector)
    {
        if (template is null)
        {
            yield return FieldError.Required(path);
            yield break;
        }

        if (selector is not null && !selector.IsEverything && !selector.Matches(template.Metadata?.Labels))
        {
            yield return FieldRules.InvalidRaw(path + ".metadata.labels", FieldRules.GoMap(template.Metadata?.Labels), "`selector` does not match template `labels`");
        }

        foreach (var e in ObjectMetaValidation.Labels(template.Metadata?.Labels, path + ".metadata.labels"))
        {
            yield return e;
        }

        foreach (var e in ObjectMetaValidation.Annotations(template.Metadata?.Annotations, path + ".metadata.annotations"))
        {
            yield return e;
        }

        foreach (var e in Validate(template.Spec, path + ".spec"))
        {
            yield return e;
        }
    }

    /// <summary>The template rules of ReplicaSets, Deployments, DaemonSets and StatefulSets: restartPolicy Always, no activeDeadlineSeconds.</summary>
    public static IEnumerable<FieldError> AlwaysRestarting(PodTemplateSpec? template, string path)
    {
        if (template?.Spec is not { } spec)
        {
            yield break;
        }

        if (spec.RestartPolicy != "Always")
        {
            yield return FieldError.NotSupported(path + ".spec.restartPolicy", spec.RestartPolicy ?? "", ["Always"]);
        }

        if (spec.ActiveDeadlineSeconds is not null)
        {
            yield return FieldError.Forbidden(path + ".spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported");
        }
    }
}

/// <summary>The quality-of-service class of a pod (Kubernetes' GetPodQOS), from its containers' cpu and memory.</summary>
internal static class PodQos
{
    private static readonly string[] Tracked = ["cpu", "memory"];

    public static string Classify(PodSpec? spec)
    {
        var requests = new Dictionary<string, decimal>();
        var limits = new Dictionary<string, decimal>();
        var guaranteed = true;
        foreach (var c in (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []))
        {
            foreach (var (name, q) in c.Resources?.Requests ?? [])
            {
                if (Tracked.Contains(name) && q.Value > 0)
                {
                    requests[name] = requests.GetValueOrDefault(name) + q.Value;
                }
            }

            var limitsFound = new HashSet<string>();
            foreach (var (name, q) in c.Resources?.Limits ?? [])
            {
                if (Tracked.Contains(name) && q.Value > 0)
                {
                    limitsFound.Add(name);
                    limits[name] = limits.GetValueOrDefault(name) + q.Value;
                }
            }

            if (limitsFound.Count != Tracked.Length)
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }

        if (guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var l) && l == r.Value) && requests.Count == limits.Count)
        {
            return "Guaranteed";
        }

        return "Burstable";
    }
}
