using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using AppsReplicaSet = KubeSharp.Api.Apps.V1.ReplicaSet;
using AppsReplicaSetStatus = KubeSharp.Api.Apps.V1.ReplicaSetStatus;

namespace KubeSharp.Controllers.ReplicaSets;

/// <summary>What the shared replica controller needs to know about ReplicaSet or ReplicationController.</summary>
internal interface IReplicatedKind<TOwner>
    where TOwner : KubernetesObject
{
    string Kind { get; }
    string ApiVersion { get; }
    int Replicas(TOwner owner);
    int MinReadySeconds(TOwner owner);
    LabelQuery Selector(TOwner owner);
    PodTemplateSpec? Template(TOwner owner);
    /// <summary>Writes <paramref name="counts"/> into <paramref name="owner"/>'s status (a private copy).</summary>
    void SetStatus(TOwner owner, ReplicaCounts counts, long? observedGeneration);
    /// <summary>
    /// Sets (message not null) or removes the ReplicaFailure condition. As upstream, a condition already set is left as
    /// it is: failure messages name the generated pod, so rewriting them would change the status on every retry, and
    /// each status write would trigger the next sync at once instead of after the back-off.
    /// </summary>
    void SetReplicaFailure(TOwner owner, string? reason, string? message, DateTimeOffset now);
    /// <summary>The status object, for change detection.</summary>
    object? StatusOf(TOwner owner);
}

internal sealed class ReplicaSetKind : IReplicatedKind<AppsReplicaSet>
{
    public string Kind => "ReplicaSet";
    public string ApiVersion => "apps/v1";
    public int Replicas(AppsReplicaSet owner) => owner.Spec?.Replicas ?? 1;
    public int MinReadySeconds(AppsReplicaSet owner) => owner.Spec?.MinReadySeconds ?? 0;

    public LabelQuery Selector(AppsReplicaSet owner)
    {
        try
        {
            return LabelQuery.FromObject(owner.Spec?.Selector);
        }
        catch (SelectorException)
        {
            return LabelQuery.Nothing;
        }
    }

    public PodTemplateSpec? Template(AppsReplicaSet owner) => owner.Spec?.Template;

    public void SetStatus(AppsReplicaSet owner, ReplicaCounts counts, long? observedGeneration)
    {
        var s = owner.Status ??= new AppsReplicaSetStatus();
        s.Replicas = counts.Replicas;
        s.FullyLabeledReplicas = ReplicaCounts.OmitZero(counts.FullyLabeledReplicas);
        s.ReadyReplicas = ReplicaCounts.OmitZero(counts.ReadyReplicas);
        s.AvailableReplicas = ReplicaCounts.OmitZero(counts.AvailableReplicas);
        s.ObservedGeneration = observedGeneration;
    }

    public void SetReplicaFailure(AppsReplicaSet owner, string? reason, string? message, DateTimeOffset now)
    {
        var s = owner.Status ??= new AppsReplicaSetStatus();
        if (message is null)
        {
            s.Conditions?.RemoveAll(c => c.Type == "ReplicaFailure");
            return;
        }

        var conditions = s.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == "ReplicaFailure");
        if (existing is null)
        {
            conditions.Add(new Api.Apps.V1.ReplicaSetCondition { Type = "ReplicaFailure", Status = "True", Reason = reason, Message = message, LastTransitionTime = now });
        }
    }

    public object? StatusOf(AppsReplicaSet owner) => owner.Status;
}

internal sealed class ReplicationControllerKind : IReplicatedKind<ReplicationController>
{
    public string Kind => "ReplicationController";
    public string ApiVersion => "v1";
    public int Replicas(ReplicationController owner) => owner.Spec?.Replicas ?? 1;
    public int MinReadySeconds(ReplicationController owner) => owner.Spec?.MinReadySeconds ?? 0;

    /// <summary>An empty selector means the template's labels (as API defaulting would make it).</summary>
    public LabelQuery Selector(ReplicationController owner)
    {
        var labels = owner.Spec?.Selector is { Count: > 0 } selector ? selector : owner.Spec?.Template?.Metadata?.Labels;
        return labels is { Count: > 0 } ? LabelQuery.FromObject(new LabelSelector { MatchLabels = labels }) : LabelQuery.Nothing;
    }

    public PodTemplateSpec? Template(ReplicationController owner) => owner.Spec?.Template;

    public void SetStatus(ReplicationController owner, ReplicaCounts counts, long? observedGeneration)
    {
        var s = owner.Status ??= new ReplicationControllerStatus();
        s.Replicas = counts.Replicas;
        s.FullyLabeledReplicas = ReplicaCounts.OmitZero(counts.FullyLabeledReplicas);
        s.ReadyReplicas = ReplicaCounts.OmitZero(counts.ReadyReplicas);
        s.AvailableReplicas = ReplicaCounts.OmitZero(counts.AvailableReplicas);
        s.ObservedGeneration = observedGeneration;
    }

    public void SetReplicaFailure(ReplicationController owner, string? reason, string? message, DateTimeOffset now)
    {
        var s = owner.Status ??= new ReplicationControllerStatus();
        if (message is null)
        {
            s.Conditions?.RemoveAll(c => c.Type == "ReplicaFailure");
            return;
        }

        var conditions = s.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == "ReplicaFailure");
        if (existing is null)
        {
            conditions.Add(new ReplicationControllerCondition { Type = "ReplicaFailure", Status = "True", Reason = reason, Message = message, LastTransitionTime = now });
        }
    }

    public object? StatusOf(ReplicationController owner) => owner.Status;
}
