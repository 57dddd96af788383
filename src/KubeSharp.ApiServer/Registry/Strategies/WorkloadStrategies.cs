using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>The selector and template rules shared by the apps/v1 controllers.</summary>
internal static class ControllerValidation
{
    /// <summary>
    /// spec.selector is required and non-empty, valid, and matches the template's labels; the
    /// template is a valid pod template that always restarts.
    /// </summary>
    public static IEnumerable<FieldError> SelectorAndTemplate(LabelSelector? selector, PodTemplateSpec? template, string kind)
    {
        LabelQuery? query = null;
        if (selector is null)
        {
            yield return FieldError.Required("spec.selector");
        }
        else
        {
            foreach (var e in LabelQuery.Validate(selector, "spec.selector"))
            {
                var colon = e.IndexOf(": ", StringComparison.Ordinal);
                var rest = e[(colon + 2)..];
                var reason = rest.StartsWith("Required", StringComparison.Ordinal) ? "FieldValueRequired"
                    : rest.StartsWith("Forbidden", StringComparison.Ordinal) ? "FieldValueForbidden" : "FieldValueInvalid";
                yield return new FieldError(e[..colon], reason, rest);
            }

            if ((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0)
            {
                yield return FieldRules.InvalidRaw("spec.selector", FieldRules.GoSelector(selector), $"empty selector is invalid for {kind}");
            }

            var invalid = false;
            try
            {
                query = LabelQuery.FromObject(selector);
            }
            catch (SelectorException)
            {
                invalid = true;
            }

            if (invalid)
            {
                yield return FieldRules.InvalidRaw("spec.selector", FieldRules.GoSelector(selector), "invalid label selector");
            }
        }

        foreach (var e in PodSpecValidation.Template(template, "spec.template", query))
        {
            yield return e;
        }

        foreach (var e in PodSpecValidation.AlwaysRestarting(template, "spec.template"))
        {
            yield return e;
        }
    }

    public static IEnumerable<FieldError> SelectorUnchanged(LabelSelector? selector, LabelSelector? old)
    {
        if (!FieldRules.SameJson(selector, old))
        {
            yield return FieldRules.InvalidRaw("spec.selector", FieldRules.GoSelector(selector), FieldRules.Immutable);
        }
    }

    public static void DefaultTemplate(PodTemplateSpec? template)
    {
        if (template is not null)
        {
            CoreV1Defaults.Apply(template);
        }
    }
}

internal sealed class DeploymentStrategy : TypedStrategy<Deployment>
{
    protected override void Default(Deployment obj)
    {
        AppsV1Defaults.Apply(obj);
        ControllerValidation.DefaultTemplate(obj.Spec?.Template);
    }

    protected override IEnumerable<FieldError> Validate(Deployment obj)
    {
        var spec = obj.Spec ?? new DeploymentSpec();
        var errors = FieldRules.NonNegative("spec.replicas", spec.Replicas).ToList();
        errors.AddRange(ControllerValidation.SelectorAndTemplate(spec.Selector, spec.Template, "deployment"));
        errors.AddRange(FieldRules.NonNegative("spec.minReadySeconds", spec.MinReadySeconds));
        errors.AddRange(FieldRules.NonNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit));
        if (spec.Strategy?.Type is { } type and not ("RollingUpdate" or "Recreate"))
        {
            errors.Add(FieldError.NotSupported("spec.strategy.type", type, ["Recreate", "RollingUpdate"]));
        }
        else if (spec.Strategy?.Type == "Recreate" && spec.Strategy.RollingUpdate is not null)
        {
            errors.Add(FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
        }

        if (spec.ProgressDeadlineSeconds is { } deadline && spec.MinReadySeconds is { } minReady && deadline <= minReady)
        {
            errors.Add(FieldError.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
        }

        return errors;
    }

    protected override IEnumerable<FieldError> ValidateUpdate(Deployment obj, Deployment old) =>
        ControllerValidation.SelectorUnchanged(obj.Spec?.Selector, old.Spec?.Selector);
}

internal sealed class ReplicaSetStrategy : TypedStrategy<ReplicaSet>
{
    public override IReadOnlyCollection<string> SelectableFields { get; } = ["status.replicas"];

    protected override string? Field(ReplicaSet obj, string field) =>
        field == "status.replicas" ? (obj.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    protected override void Default(ReplicaSet obj)
    {
        AppsV1Defaults.Apply(obj);
        ControllerValidation.DefaultTemplate(obj.Spec?.Template);
    }

    protected override IEnumerable<FieldError> Validate(ReplicaSet obj)
    {
        var spec = obj.Spec ?? new ReplicaSetSpec();
        var errors = FieldRules.NonNegative("spec.replicas", spec.Replicas).ToList();
        errors.AddRange(FieldRules.NonNegative("spec.minReadySeconds", spec.MinReadySeconds));
        errors.AddRange(ControllerValidation.SelectorAndTemplate(spec.Selector, spec.Template, "replicaset"));
        return errors;
    }

    protected override IEnumerable<FieldError> ValidateUpdate(ReplicaSet obj, ReplicaSet old) =>
        ControllerValidation.SelectorUnchanged(obj.Spec?.Selector, old.Spec?.Selector);
}

internal sealed class StatefulSetStrategy : TypedStrategy<StatefulSet>
{
    protected override void Default(StatefulSet obj)
    {
        AppsV1Defaults.Apply(obj);
        ControllerValidation.DefaultTemplate(obj.Spec?.Template);
        foreach (var claim in obj.Spec?.VolumeClaimTemplates ?? [])
        {
            CoreV1Defaults.Apply(claim);
        }
    }

    protected override IEnumerable<FieldError> Validate(StatefulSet obj)
    {
        var spec = obj.Spec ?? new StatefulSetSpec();
        var errors = FieldRules.NonNegative("spec.replicas", spec.Replicas).ToList();
        errors.AddRange(FieldRules.NonNegative("spec.minReadySeconds", spec.MinReadySeconds));
        errors.AddRange(ControllerValidation.SelectorAndTemplate(spec.Selector, WithClaimVolumes(spec.Template, spec.VolumeClaimTemplates), "statefulset"));
        if (spec.PodManagementPolicy is { } policy and not ("OrderedReady" or "Parallel"))
        {
            errors.Add(FieldError.Invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
        }

        if (spec.UpdateStrategy?.Type is { } type and not ("RollingUpdate" or "OnDelete"))
        {
            errors.Add(FieldError.Invalid("spec.updateStrategy.type", type, "must be 'RollingUpdate' or 'OnDelete'"));
        }

        return errors;
    }

    /// <summary>
    /// The template as its pods will be: containers may mount the volumeClaimTemplates by name, as the
    /// controller adds a persistentVolumeClaim volume for each claim the template does not define.
    /// </summary>
    private static PodTemplateSpec? WithClaimVolumes(PodTemplateSpec? template, List<PersistentVolumeClaim>? claims)
    {
        if (template?.Spec is null || claims is not { Count: > 0 })
        {
            return template;
        }

        var copy = KubeJson.Deserialize<PodTemplateSpec>(KubeJson.Serialize(template))!;
        var volumes = copy.Spec!.Volumes ??= [];
        foreach (var name in claims.Select(c => c.Metadata?.Name).OfType<string>().Where(n => volumes.All(v => v.Name != n)))
        {
            volumes.Add(new Volume { Name = name, PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = name } });
        }

        return copy;
    }

    /// <summary>Only replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy, minReadySeconds and revisionHistoryLimit may change.</summary>
    protected override IEnumerable<FieldError> ValidateUpdate(StatefulSet obj, StatefulSet old)
    {
        var spec = obj.Spec ?? new StatefulSetSpec();
        var oldSpec = old.Spec ?? new StatefulSetSpec();
        var unchanged = FieldRules.SameJson(spec.Selector, oldSpec.Selector)
            && FieldRules.SameJson(spec.VolumeClaimTemplates, oldSpec.VolumeClaimTemplates)
            && spec.ServiceName == oldSpec.ServiceName
            && spec.PodManagementPolicy == oldSpec.PodManagementPolicy;
        if (!unchanged)
        {
            yield return FieldError.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        }
    }
}

internal sealed class DaemonSetStrategy : TypedStrategy<DaemonSet>
{
    protected override void Default(DaemonSet obj)
    {
        AppsV1Defaults.Apply(obj);
        ControllerValidation.DefaultTemplate(obj.Spec?.Template);
    }

    protected override IEnumerable<FieldError> Validate(DaemonSet obj)
    {
        var spec = obj.Spec ?? new DaemonSetSpec();
        var errors = FieldRules.NonNegative("spec.minReadySeconds", spec.MinReadySeconds).ToList();
        errors.AddRange(ControllerValidation.SelectorAndTemplate(spec.Selector, spec.Template, "daemonset"));
        if (spec.UpdateStrategy?.Type is { } type and not ("RollingUpdate" or "OnDelete"))
        {
            errors.Add(FieldError.NotSupported("spec.updateStrategy.type", type, ["OnDelete", "RollingUpdate"]));
        }

        return errors;
    }

    protected override IEnumerable<FieldError> ValidateUpdate(DaemonSet obj, DaemonSet old) =>
        ControllerValidation.SelectorUnchanged(obj.Spec?.Selector, old.Spec?.Selector);
}

internal sealed class ReplicationControllerStrategy : TypedStrategy<ReplicationController>
{
    public override IReadOnlyCollection<string> SelectableFields { get; } = ["status.replicas"];

    protected override string? Field(ReplicationController obj, string field) =>
        field == "status.replicas" ? (obj.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    protected override void Default(ReplicationController obj) => CoreV1Defaults.Apply(obj);

    protected override IEnumerable<FieldError> Validate(ReplicationController obj)
    {
        var spec = obj.Spec ?? new ReplicationControllerSpec();
        var errors = FieldRules.NonNegative("spec.replicas", spec.Replicas).ToList();
        errors.AddRange(FieldRules.NonNegative("spec.minReadySeconds", spec.MinReadySeconds));
        if (spec.Selector is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else
        {
            errors.AddRange(Admission.ObjectMetaValidation.Labels(spec.Selector, "spec.selector"));
        }

        var selector = spec.Selector is { Count: > 0 } s ? LabelQuery.FromObject(new LabelSelector { MatchLabels = s }) : null;
        if (spec.Template is null)
        {
            errors.Add(FieldError.Required("spec.template"));
        }
        else
        {
            if (selector is not null && !selector.Matches(spec.Template.Metadata?.Labels))
            {
                errors.Add(FieldRules.InvalidRaw("spec.template.metadata.labels", FieldRules.GoMap(spec.Template.Metadata?.Labels), "`selector` does not match template `labels`"));
            }

            errors.AddRange(PodSpecValidation.Template(spec.Template, "spec.template", null));
            errors.AddRange(PodSpecValidation.AlwaysRestarting(spec.Template, "spec.template"));
        }

        return errors;
    }
}

internal sealed class PodTemplateStrategy : TypedStrategy<PodTemplate>
{
    protected override void Default(PodTemplate obj) => CoreV1Defaults.Apply(obj);

    protected override IEnumerable<FieldError> Validate(PodTemplate obj) =>
        PodSpecValidation.Template(obj.Template, "template", null);
}
