using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>Pods: Kubernetes' pod strategy — initial status, QoS class, graceful deletion, field selectors and update rules.</summary>
internal sealed class PodStrategy : TypedStrategy<Pod>
{
    /// <summary>The fields a pod update may change, as Kubernetes lists them in its error.</summary>
    internal const string UpdatableFields =
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public override IReadOnlyCollection<string> SelectableFields { get; } =
    [
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
        "status.phase", "status.podIP", "status.nominatedNodeName",
    ];

    protected override string? Field(Pod pod, string field) => field switch
    {
        "spec.nodeName" => pod.Spec?.NodeName ?? "",
        "spec.restartPolicy" => pod.Spec?.RestartPolicy ?? "",
        "spec.schedulerName" => pod.Spec?.SchedulerName ?? "",
        "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "",
        "spec.hostNetwork" => pod.Spec?.HostNetwork == true ? "true" : "false",
        "status.phase" => pod.Status?.Phase ?? "",
        "status.podIP" => pod.Status?.PodIPs is { Count: > 0 } ips ? ips[0].Ip ?? "" : pod.Status?.PodIP ?? "",
        "status.nominatedNodeName" => pod.Status?.NominatedNodeName ?? "",
        _ => null,
    };

    /// <summary>
    /// Kubernetes' CheckGracefulDelete: the requested period, else the pod's
    /// terminationGracePeriodSeconds; 0 for a pod never scheduled or already finished; a negative
    /// period becomes 1. A period of 0 deletes at once (null here). A pod already marked with a
    /// zero grace period goes at once too.
    /// </summary>
    public override long? GracefulDeletionSeconds(KubernetesObject obj, long? requested)
    {
        var pod = (Pod)obj;
        if (requested is null && pod.Metadata?.DeletionTimestamp is not null && pod.Metadata.DeletionGracePeriodSeconds == 0)
        {
            return null;
        }

        var period = requested ?? pod.Spec?.TerminationGracePeriodSeconds ?? 0;
        if (string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            period = 0;
        }

        if (period < 0)
        {
            period = 1;
        }

        return period == 0 ? null : period;
    }

    protected override void Default(Pod pod) => CoreV1Defaults.Apply(pod);

    protected override void PrepareForCreate(Pod pod)
    {
        pod.Status = new PodStatus { Phase = "Pending", QosClass = PodQos.Classify(pod.Spec) };
        if (pod.Spec?.SchedulingGates is { Count: > 0 })
        {
            pod.Status.Conditions =
            [
                new PodCondition { Type = "PodScheduled", Status = "False", Reason = "SchedulingGated", Message = "Scheduling is blocked due to non-empty scheduling gates" },
            ];
        }
    }

    protected override void PrepareForUpdate(Pod pod, Pod old)
    {
        // The QoS class is fixed when the pod is created.
        if (old.Status?.QosClass is { } qos)
        {
            (pod.Status ??= new PodStatus()).QosClass = qos;
        }
    }

    protected override IEnumerable<FieldError> Validate(Pod pod) => PodSpecValidation.Validate(pod.Spec, "spec");

    /// <summary>
    /// Only images, activeDeadlineSeconds, added tolerations, a negative grace period turned to 1,
    /// removed scheduling gates and the first setting of nodeName (binding) may change.
    /// </summary>
    protected override IEnumerable<FieldError> ValidateUpdate(Pod pod, Pod old)
    {
        var spec = pod.Spec ?? new PodSpec();
        var oldSpec = old.Spec ?? new PodSpec();
        var errors = new List<FieldError>();

        if (spec.ActiveDeadlineSeconds is null && oldSpec.ActiveDeadlineSeconds is not null)
        {
            errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", "null", "must not update from a positive integer to nil value"));
        }
        else if (spec.ActiveDeadlineSeconds is { } deadline && oldSpec.ActiveDeadlineSeconds is { } oldDeadline && deadline > oldDeadline)
        {
            errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", deadline, "must be less than or equal to previous value"));
        }

        var oldTolerations = oldSpec.Tolerations ?? [];
        var tolerations = spec.Tolerations ?? [];
        if (oldTolerations.Any(t => !tolerations.Any(n => FieldRules.SameJson(n, t))))
        {
            errors.Add(FieldError.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
        }

        // Compare the specs with every updatable field taken from the old pod.
        var munged = JsonSerializer.SerializeToNode(spec, KubeJson.Options)!.AsObject();
        var original = JsonSerializer.SerializeToNode(oldSpec, KubeJson.Options)!.AsObject();
        CopyImages(munged, original, "containers");
        CopyImages(munged, original, "initContainers");
        foreach (var key in new[] { "activeDeadlineSeconds", "tolerations", "ephemeralContainers" })
        {
            munged[key] = original[key]?.DeepClone();
        }

        if (oldSpec.TerminationGracePeriodSeconds is < 0 && spec.TerminationGracePeriodSeconds == 1)
        {
            munged["terminationGracePeriodSeconds"] = original["terminationGracePeriodSeconds"]?.DeepClone();
        }

        if (string.IsNullOrEmpty(oldSpec.NodeName))
        {
            munged["nodeName"] = original["nodeName"]?.DeepClone();
        }

        if ((spec.SchedulingGates ?? []).All(g => oldSpec.SchedulingGates?.Any(o => o.Name == g.Name) == true))
        {
            munged["schedulingGates"] = original["schedulingGates"]?.DeepClone();
        }

        foreach (var key in munged.Select(kv => kv.Key).ToList())
        {
            if (munged[key] is null)
            {
                munged.Remove(key);
            }
        }

        if (!JsonNode.DeepEquals(munged, original))
        {
            errors.Add(FieldError.Forbidden("spec", $"pod updates may not change fields other than {UpdatableFields}\n{Difference(original, munged)}"));
        }

        return errors;
    }

    private static void CopyImages(JsonObject target, JsonObject source, string list)
    {
        if (target[list] is not JsonArray targetList || source[list] is not JsonArray sourceList || targetList.Count != sourceList.Count)
        {
            return;
        }

        for (var i = 0; i < targetList.Count; i++)
        {
            if (targetList[i] is JsonObject t && sourceList[i] is JsonObject s && t["name"]?.GetValue<string>() == s["name"]?.GetValue<string>())
            {
                t["image"] = s["image"]?.DeepClone();
            }
        }
    }

    /// <summary>A short description of what changed: each differing top-level spec field, old and new.</summary>
    private static string Difference(JsonObject original, JsonObject updated)
    {
        var lines = new List<string> { "  core.PodSpec{" };
        foreach (var key in original.Select(kv => kv.Key).Union(updated.Select(kv => kv.Key)))
        {
            if (!JsonNode.DeepEquals(original[key], updated[key]))
            {
                lines.Add($"-\t{key}: {original[key]?.ToJsonString() ?? "null"},");
                lines.Add($"+\t{key}: {updated[key]?.ToJsonString() ?? "null"},");
            }
        }

        lines.Add("  }");
        return string.Join("\n", lines);
    }
}
