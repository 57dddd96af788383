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
    /// <summary>The counts and observedGeneration the owner currently reports.</summary>
    (ReplicaCounts Counts, long? ObservedGeneration) ReportedStatus(TOwner owner);
    /// <summary>Writes <paramref name="counts"/> into <paramref name="owner"/>'s status (a private copy).</summary>
    void SetStatus(TOwner owner, ReplicaCounts counts, long? observedGeneration);
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

    public (ReplicaCounts Counts, long? ObservedGeneration) ReportedStatus(AppsReplicaSet owner)
    {
        var s = owner.Status;
        return (new ReplicaCounts(s?.Replicas ?? 0, s?.FullyLabeledReplicas ?? 0, s?.ReadyReplicas ?? 0, s?.AvailableReplicas ?? 0), s?.ObservedGeneration);
    }

    public void SetStatus(AppsReplicaSet owner, ReplicaCounts counts, long? observedGeneration)
    {
        var s = owner.Status ??= new AppsReplicaSetStatus();
        s.Replicas = counts.Replicas;
        s.FullyLabeledReplicas = ReplicaCounts.OmitZero(counts.FullyLabeledReplicas);
        s.ReadyReplicas = ReplicaCounts.OmitZero(counts.ReadyReplicas);
        s.AvailableReplicas = ReplicaCounts.OmitZero(counts.AvailableReplicas);
        s.ObservedGeneration = observedGeneration;
    }
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

    public (ReplicaCounts Counts, long? ObservedGeneration) ReportedStatus(ReplicationController owner)
    {
        var s = owner.Status;
        return (new ReplicaCounts(s?.Replicas ?? 0, s?.FullyLabeledReplicas ?? 0, s?.ReadyReplicas ?? 0, s?.AvailableReplicas ?? 0), s?.ObservedGeneration);
    }

    public void SetStatus(ReplicationController owner, ReplicaCounts counts, long? observedGeneration)
    {
        var s = owner.Status ??= new ReplicationControllerStatus();
        s.Replicas = counts.Replicas;
        s.FullyLabeledReplicas = ReplicaCounts.OmitZero(counts.FullyLabeledReplicas);
        s.ReadyReplicas = ReplicaCounts.OmitZero(counts.ReadyReplicas);
        s.AvailableReplicas = ReplicaCounts.OmitZero(counts.AvailableReplicas);
        s.ObservedGeneration = observedGeneration;
    }
}
