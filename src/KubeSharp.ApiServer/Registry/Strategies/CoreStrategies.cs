using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

internal sealed class NamespaceStrategy : TypedStrategy<Namespace>
{
    /// <summary>The finalizer the namespace controller removes once the namespace is empty.</summary>
    public const string KubernetesFinalizer = "kubernetes";

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["status.phase", "name"];

    public override IEnumerable<string> ValidateName(string name) => ObjectMetaValidation.Dns1123Label(name);

    protected override string? Field(Namespace obj, string field) => field switch
    {
        "status.phase" => obj.Status?.Phase ?? "",
        "name" => obj.Metadata?.Name ?? "",
        _ => null,
    };

    /// <summary>A namespace waits for its spec.finalizers (the namespace controller's cleanup) before it goes.</summary>
    public override bool DefersDeletion(KubernetesObject obj) => ((Namespace)obj).Spec?.Finalizers is { Count: > 0 };

    public override void PrepareForDeletion(KubernetesObject obj) => (((Namespace)obj).Status ??= new NamespaceStatus()).Phase = "Terminating";

    protected override void Default(Namespace obj) => CoreV1Defaults.Apply(obj);

    protected override void PrepareForCreate(Namespace obj)
    {
        obj.Status = new NamespaceStatus { Phase = "Active" };
        var finalizers = (obj.Spec ??= new NamespaceSpec()).Finalizers ??= [];
        if (!finalizers.Contains(KubernetesFinalizer))
        {
            finalizers.Add(KubernetesFinalizer);
        }
    }

    /// <summary>
    /// spec.finalizers only change through /finalize. The store does not tell this hook which
    /// subresource is written, so the old finalizers are kept while the namespace is live, and a
    /// namespace being deleted (the only time /finalize is used) takes the written value.
    /// </summary>
    protected override void PrepareForUpdate(Namespace obj, Namespace old)
    {
        if (old.Metadata?.DeletionTimestamp is null)
        {
            (obj.Spec ??= new NamespaceSpec()).Finalizers = old.Spec?.Finalizers is { } f ? [.. f] : null;
        }
    }

    protected override IEnumerable<FieldError> Validate(Namespace obj)
    {
        var finalizers = obj.Spec?.Finalizers ?? [];
        for (var i = 0; i < finalizers.Count; i++)
        {
            var f = finalizers[i];
            var errors = f.Contains('/', StringComparison.Ordinal) ? ObjectMetaValidation.QualifiedName(f) : ObjectMetaValidation.Dns1123Label(f);
            foreach (var e in errors)
            {
                yield return FieldError.Invalid(FieldRules.Index("spec.finalizers", i), f, e);
            }
        }
    }
}

internal sealed class NodeStrategy : TypedStrategy<Node>
{
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public override bool KeepsStatusOnCreate => true;

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["spec.unschedulable"];

    protected override string? Field(Node obj, string field) =>
        field == "spec.unschedulable" ? (obj.Spec?.Unschedulable == true ? "true" : "false") : null;

    protected override void Default(Node obj)
    {
        CoreV1Defaults.Apply(obj);
        // podCIDR is podCIDRs[0]; whichever one a client set fills the other, as v1 conversion does.
        if (obj.Spec is { } spec)
        {
            if (spec.PodCIDRs is not { Count: > 0 } && !string.IsNullOrEmpty(spec.PodCIDR))
            {
                spec.PodCIDRs = [spec.PodCIDR];
            }
            else if (spec.PodCIDRs is { Count: > 0 } cidrs && spec.PodCIDR != cidrs[0])
            {
                spec.PodCIDR = cidrs[0];
            }
        }
    }

    protected override IEnumerable<FieldError> ValidateUpdate(Node obj, Node old)
    {
        // The node IPAM controller may assign a range once; after that it does not change.
        var before = old.Spec?.PodCIDRs ?? [];
        var after = obj.Spec?.PodCIDRs ?? [];
        if (before.Count > 0 && !before.SequenceEqual(after, StringComparer.Ordinal))
        {
            yield return FieldError.Forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid");
        }
    }

    protected override IEnumerable<FieldError> Validate(Node obj)
    {
        var podCidrs = obj.Spec?.PodCIDRs ?? [];
        for (var i = 0; i < podCidrs.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(podCidrs[i], out _))
            {
                yield return FieldError.Invalid(FieldRules.Index("spec.podCIDRs", i), podCidrs[i], "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
            }
        }

        if (podCidrs.Count > 2)
        {
            yield return FieldError.Invalid("spec.podCIDRs", string.Join(",", podCidrs), "may specify no more than one CIDR for each IP family");
        }

        var taints = obj.Spec?.Taints ?? [];
        var seen = new HashSet<(string?, string?)>();
        for (var i = 0; i < taints.Count; i++)
        {
            var t = taints[i];
            var at = FieldRules.Index("spec.taints", i);
            if (string.IsNullOrEmpty(t.Key))
            {
                yield return FieldError.Required(at + ".key");
            }
            else
            {
                foreach (var e in ObjectMetaValidation.QualifiedName(t.Key))
                {
                    yield return FieldError.Invalid(at + ".key", t.Key, e);
                }
            }

            if (string.IsNullOrEmpty(t.Effect))
            {
                yield return FieldError.Required(at + ".effect");
            }
            else if (!TaintEffects.Contains(t.Effect))
            {
                yield return FieldError.NotSupported(at + ".effect", t.Effect, TaintEffects);
            }

            if (!seen.Add((t.Key, t.Effect)))
            {
                yield return FieldError.Duplicate(at, $"{t.Key}:{t.Effect}");
            }
        }
    }
}

internal sealed class ServiceStrategy : TypedStrategy<Service>
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["spec.clusterIP", "spec.type"];

    public override IEnumerable<string> ValidateName(string name) => ObjectMetaValidation.Dns1035Label(name);

    protected override string? Field(Service obj, string field) => field switch
    {
        "spec.clusterIP" => obj.Spec?.ClusterIP ?? "",
        "spec.type" => obj.Spec?.Type ?? "",
        _ => null,
    };

    protected override void Default(Service obj) => CoreV1Defaults.Apply(obj);

    protected override void PrepareForCreate(Service obj) => obj.Status = null;

    /// <summary>
    /// Values the server allocated stay when the client leaves them out (a replace of the
    /// original manifest): cluster IPs, node ports (matched by port name) and the health-check port.
    /// </summary>
    protected override void PrepareForUpdate(Service obj, Service old)
    {
        var spec = obj.Spec ??= new ServiceSpec();
        var oldSpec = old.Spec ?? new ServiceSpec();
        if (spec.Type != "ExternalName" && oldSpec.Type != "ExternalName")
        {
            if (string.IsNullOrEmpty(spec.ClusterIP))
            {
                spec.ClusterIP = oldSpec.ClusterIP;
                spec.ClusterIPs ??= oldSpec.ClusterIPs is { } ips ? [.. ips] : null;
            }
            else if (spec.ClusterIPs is not { Count: > 0 } && spec.ClusterIP == oldSpec.ClusterIP)
            {
                spec.ClusterIPs = oldSpec.ClusterIPs is { } ips ? [.. ips] : null;
            }
        }

        if (spec.Type is "NodePort" or "LoadBalancer" && oldSpec.Type is "NodePort" or "LoadBalancer")
        {
            var used = (spec.Ports ?? []).Where(p => p.NodePort is > 0).Select(p => p.NodePort!.Value).ToHashSet();
            var byName = (oldSpec.Ports ?? []).GroupBy(p => p.Name ?? "").ToDictionary(g => g.Key, g => g.Last().NodePort);
            foreach (var port in spec.Ports ?? [])
            {
                if (port.NodePort is null or 0 && byName.GetValueOrDefault(port.Name ?? "") is { } previous and > 0 && !used.Contains(previous))
                {
                    port.NodePort = previous;
                }
            }
        }

        if (spec.HealthCheckNodePort is null or 0 && oldSpec.HealthCheckNodePort is > 0 && spec.Type == "LoadBalancer" && spec.ExternalTrafficPolicy == "Local")
        {
            spec.HealthCheckNodePort = oldSpec.HealthCheckNodePort;
        }
    }

    protected override IEnumerable<FieldError> Validate(Service obj)
    {
        var spec = obj.Spec ?? new ServiceSpec();
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(spec.Type))
        {
            errors.Add(FieldError.Required("spec.type"));
        }
        else if (!Types.Contains(spec.Type))
        {
            errors.Add(FieldError.NotSupported("spec.type", spec.Type, Types));
        }

        var headless = spec.ClusterIP == "None";
        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && !headless && spec.Type != "ExternalName")
        {
            errors.Add(FieldError.Required("spec.ports"));
        }

        if (spec.Type == "ExternalName")
        {
            if (string.IsNullOrEmpty(spec.ExternalName))
            {
                errors.Add(FieldError.Required("spec.externalName"));
            }
            else
            {
                errors.AddRange(ObjectMetaValidation.Dns1123Subdomain(spec.ExternalName.TrimEnd('.')).Select(e => FieldError.Invalid("spec.externalName", spec.ExternalName, e)));
            }

            if (!string.IsNullOrEmpty(spec.ClusterIP))
            {
                errors.Add(FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            var at = FieldRules.Index("spec.ports", i);
            if (ports.Count > 1 && string.IsNullOrEmpty(p.Name))
            {
                errors.Add(FieldError.Required(at + ".name"));
            }
            else if (!string.IsNullOrEmpty(p.Name))
            {
                errors.AddRange(ObjectMetaValidation.Dns1123Label(p.Name).Select(e => FieldError.Invalid(at + ".name", p.Name, e)));
                if (!names.Add(p.Name))
                {
                    errors.Add(FieldError.Duplicate(at + ".name", p.Name));
                }
            }

            errors.AddRange(FieldRules.PortNumber(p.Port ?? 0).Select(e => FieldError.Invalid(at + ".port", p.Port ?? 0, e)));
            if (string.IsNullOrEmpty(p.Protocol))
            {
                errors.Add(FieldError.Required(at + ".protocol"));
            }
            else if (!Protocols.Contains(p.Protocol))
            {
                errors.Add(FieldError.NotSupported(at + ".protocol", p.Protocol, Protocols));
            }

            if (p.TargetPort is { IsInt: true, IntValue: var target })
            {
                errors.AddRange(FieldRules.PortNumber(target!.Value).Select(e => FieldError.Invalid(at + ".targetPort", target.Value, e)));
            }
            else if (p.TargetPort?.StringValue is { } targetName)
            {
                errors.AddRange(FieldRules.PortName(targetName).Select(e => FieldError.Invalid(at + ".targetPort", targetName, e)));
            }

            if (p.NodePort is { } nodePort and not 0)
            {
                if (spec.Type is not ("NodePort" or "LoadBalancer"))
                {
                    errors.Add(FieldError.Forbidden(at + ".nodePort", $"may not be used when `type` is '{spec.Type}'"));
                }
                else
                {
                    errors.AddRange(FieldRules.PortNumber(nodePort).Select(e => FieldError.Invalid(at + ".nodePort", nodePort, e)));
                }
            }
        }

        errors.AddRange(ObjectMetaValidation.Labels(spec.Selector, "spec.selector"));
        if (spec.SessionAffinity is { } affinity and not ("None" or "ClientIP"))
        {
            errors.Add(FieldError.NotSupported("spec.sessionAffinity", affinity, ["ClientIP", "None"]));
        }

        return errors;
    }

    /// <summary>The cluster IP is fixed once set, unless the service turns into or out of ExternalName.</summary>
    protected override IEnumerable<FieldError> ValidateUpdate(Service obj, Service old)
    {
        var spec = obj.Spec ?? new ServiceSpec();
        var oldSpec = old.Spec ?? new ServiceSpec();
        if (spec.Type != "ExternalName" && oldSpec.Type != "ExternalName" && !string.IsNullOrEmpty(oldSpec.ClusterIP) && spec.ClusterIP != oldSpec.ClusterIP)
        {
            yield return FieldError.Invalid("spec.clusterIP", spec.ClusterIP ?? "", FieldRules.Immutable);
        }
    }
}

/// <summary>Rules shared by Secrets and ConfigMaps: key syntax, and no change at all once immutable.</summary>
internal static class KeyedDataRules
{
    public static IEnumerable<FieldError> Keys(IEnumerable<string> keys, string path)
    {
        foreach (var key in keys)
        {
            foreach (var e in FieldRules.ConfigMapKey(key))
            {
                yield return FieldError.Invalid($"{path}[{key}]", key, e);
            }
        }
    }

    public static IEnumerable<FieldError> Immutability(bool? immutable, bool? oldImmutable, params (string Field, object? Value, object? Old)[] fields)
    {
        if (oldImmutable != true)
        {
            yield break;
        }

        if (immutable != true)
        {
            yield return FieldError.Forbidden("immutable", "field is immutable when `immutable` is set");
        }

        foreach (var (field, value, old) in fields)
        {
            if (!FieldRules.SameJson(value, old))
            {
                yield return FieldError.Forbidden(field, "field is immutable when `immutable` is set");
            }
        }
    }
}

internal sealed class SecretStrategy : TypedStrategy<Secret>
{
    private const int MaxSecretSize = 1024 * 1024;

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["type"];

    protected override string? Field(Secret obj, string field) => field == "type" ? obj.Type ?? "" : null;

    /// <summary>stringData is write-only: it is merged into data (winning over it) and dropped.</summary>
    protected override void Default(Secret obj)
    {
        CoreV1Defaults.Apply(obj);
        if (obj.StringData is { } stringData)
        {
            var data = obj.Data ??= [];
            foreach (var (key, value) in stringData)
            {
                data[key] = System.Text.Encoding.UTF8.GetBytes(value);
            }

            obj.StringData = null;
        }
    }

    protected override IEnumerable<FieldError> Validate(Secret obj)
    {
        var data = obj.Data ?? [];
        var errors = KeyedDataRules.Keys(data.Keys, "data").ToList();
        if (data.Values.Sum(v => (long)v.Length) > MaxSecretSize)
        {
            errors.Add(new FieldError("data", "FieldValueTooLong", $"Too long: must have at most {MaxSecretSize} bytes"));
        }

        switch (obj.Type)
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(obj.Metadata?.Annotations?.GetValueOrDefault("kubernetes.io/service-account.name")))
                {
                    errors.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                }

                break;
            case "kubernetes.io/dockercfg":
                RequireKey(".dockercfg");
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireKey(".dockerconfigjson");
                break;
            case "kubernetes.io/basic-auth":
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    errors.Add(FieldError.Required("data[username]"));
                    errors.Add(FieldError.Required("data[password]"));
                }

                break;
            case "kubernetes.io/ssh-auth":
                RequireKey("ssh-privatekey");
                break;
            case "kubernetes.io/tls":
                RequireKey("tls.crt");
                RequireKey("tls.key");
                break;
        }

        return errors;

        void RequireKey(string key)
        {
            if (!data.ContainsKey(key))
            {
                errors.Add(FieldError.Required($"data[{key}]"));
            }
        }
    }

    protected override IEnumerable<FieldError> ValidateUpdate(Secret obj, Secret old)
    {
        if (obj.Type != old.Type)
        {
            yield return FieldError.Invalid("type", obj.Type ?? "", FieldRules.Immutable);
        }

        foreach (var e in KeyedDataRules.Immutability(obj.Immutable, old.Immutable, ("data", obj.Data, old.Data)))
        {
            yield return e;
        }
    }
}

internal sealed class ConfigMapStrategy : TypedStrategy<ConfigMap>
{
    private const int MaxConfigMapSize = 1024 * 1024;

    protected override IEnumerable<FieldError> Validate(ConfigMap obj)
    {
        var data = obj.Data ?? [];
        var binary = obj.BinaryData ?? [];
        var errors = KeyedDataRules.Keys(data.Keys, "data").ToList();
        errors.AddRange(KeyedDataRules.Keys(binary.Keys, "binaryData"));
        foreach (var key in binary.Keys.Where(data.ContainsKey))
        {
            errors.Add(FieldError.Invalid($"binaryData[{key}]", key, "duplicate of key present in data"));
        }

        var size = data.Sum(kv => (long)kv.Key.Length + System.Text.Encoding.UTF8.GetByteCount(kv.Value)) + binary.Sum(kv => (long)kv.Key.Length + kv.Value.Length);
        if (size > MaxConfigMapSize)
        {
            errors.Add(new FieldError("", "FieldValueTooLong", $"Too long: must have at most {MaxConfigMapSize} bytes"));
        }

        return errors;
    }

    protected override IEnumerable<FieldError> ValidateUpdate(ConfigMap obj, ConfigMap old) =>
        KeyedDataRules.Immutability(obj.Immutable, old.Immutable, ("data", obj.Data, old.Data), ("binaryData", obj.BinaryData, old.BinaryData));
}

internal sealed class EventStrategy : TypedStrategy<Event>
{
    public override bool AllowCreateOnUpdate => true;

    public override IReadOnlyCollection<string> SelectableFields { get; } =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    protected override string? Field(Event obj, string field) => field switch
    {
        "involvedObject.kind" => obj.InvolvedObject?.Kind ?? "",
        "involvedObject.namespace" => obj.InvolvedObject?.Namespace ?? "",
        "involvedObject.name" => obj.InvolvedObject?.Name ?? "",
        "involvedObject.uid" => obj.InvolvedObject?.Uid ?? "",
        "involvedObject.apiVersion" => obj.InvolvedObject?.ApiVersion ?? "",
        "involvedObject.resourceVersion" => obj.InvolvedObject?.ResourceVersion ?? "",
        "involvedObject.fieldPath" => obj.InvolvedObject?.FieldPath ?? "",
        "reason" => obj.Reason ?? "",
        "reportingComponent" => obj.ReportingComponent ?? "",
        "source" => obj.Source?.Component ?? "",
        "type" => obj.Type ?? "",
        _ => null,
    };

    protected override IEnumerable<FieldError> Validate(Event obj)
    {
        var ns = obj.Metadata?.Namespace;
        if (obj.InvolvedObject?.Namespace is { Length: > 0 } involved && involved != ns)
        {
            yield return FieldError.Invalid("involvedObject.namespace", involved, "does not match event.namespace");
        }
    }
}

internal sealed class EventsV1EventStrategy : TypedStrategy<Api.Events.V1.Event>
{
    public override bool AllowCreateOnUpdate => true;

    public override IReadOnlyCollection<string> SelectableFields { get; } =
    [
        "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid",
        "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath",
        "reason", "reportingController", "type",
    ];

    protected override string? Field(Api.Events.V1.Event obj, string field) => field switch
    {
        "regarding.kind" => obj.Regarding?.Kind ?? "",
        "regarding.namespace" => obj.Regarding?.Namespace ?? "",
        "regarding.name" => obj.Regarding?.Name ?? "",
        "regarding.uid" => obj.Regarding?.Uid ?? "",
        "regarding.apiVersion" => obj.Regarding?.ApiVersion ?? "",
        "regarding.resourceVersion" => obj.Regarding?.ResourceVersion ?? "",
        "regarding.fieldPath" => obj.Regarding?.FieldPath ?? "",
        "reason" => obj.Reason ?? "",
        "reportingController" => obj.ReportingController ?? "",
        "type" => obj.Type ?? "",
        _ => null,
    };
}

/// <summary>Kinds that are only ever created (bindings, the review resources): discovery and OpenAPI list only create.</summary>
internal sealed class CreateOnlyStrategy : ResourceStrategy
{
    public override string[]? Verbs => ["create"];
}

internal sealed class PersistentVolumeStrategy : TypedStrategy<PersistentVolume>
{
    protected override void Default(PersistentVolume obj) => CoreV1Defaults.Apply(obj);

    protected override IEnumerable<FieldError> Validate(PersistentVolume obj)
    {
        var spec = obj.Spec ?? new PersistentVolumeSpec();
        if (spec.AccessModes is not { Count: > 0 })
        {
            yield return FieldError.Required("spec.accessModes");
        }

        if (spec.Capacity is null || !spec.Capacity.ContainsKey("storage"))
        {
            yield return FieldError.Required("spec.capacity");
        }
    }
}

internal sealed class PersistentVolumeClaimStrategy : TypedStrategy<PersistentVolumeClaim>
{
    protected override void Default(PersistentVolumeClaim obj) => CoreV1Defaults.Apply(obj);

    protected override IEnumerable<FieldError> Validate(PersistentVolumeClaim obj)
    {
        var spec = obj.Spec ?? new PersistentVolumeClaimSpec();
        if (spec.AccessModes is not { Count: > 0 })
        {
            yield return FieldError.Required("spec.accessModes", "at least 1 access mode is required");
        }

        if (spec.Resources?.Requests?.ContainsKey("storage") != true && spec.DataSourceRef is null)
        {
            yield return FieldError.Required("spec.resources[storage]");
        }
    }
}
