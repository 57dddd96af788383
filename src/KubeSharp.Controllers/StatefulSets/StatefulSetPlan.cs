using System.Globalization;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.StatefulSets;

/// <summary>A pod to create: its ordinal and whether it takes the update revision (else the current one).</summary>
internal sealed record OrdinalToCreate(int Ordinal, bool UpdateRevision);

internal sealed record StatefulSetDecision(IReadOnlyList<OrdinalToCreate> Create, IReadOnlyList<Pod> Delete, StatefulSetStatus Status);

/// <summary>
/// The StatefulSet controller's decisions as a pure function: pods &lt;name&gt;-&lt;ordinal&gt; for
/// ordinals start..start+replicas-1; with OrderedReady, created lowest first and removed highest
/// first, one at a time, only while every other pod is Running and Ready (Parallel does all at
/// once); RollingUpdate replaces out-of-date pods from the highest ordinal down to the partition.
/// </summary>
internal static class StatefulSetPlan
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";
    public const string RevisionLabel = "controller-revision-hash";

    public static int? OrdinalOf(string setName, Pod pod)
    {
        var name = pod.Metadata?.Name ?? "";
        return name.Length > setName.Length + 1 && name.StartsWith(setName + "-", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(setName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : null;
    }

    private static bool Healthy(Pod pod) => pod.Status?.Phase == "Running" && PodState.IsReady(pod) && pod.Metadata?.DeletionTimestamp is null;

    public static StatefulSetDecision Decide(StatefulSet set, IReadOnlyList<Pod> pods, string currentRevision, string updateRevision, DateTimeOffset now)
    {
        var name = set.Metadata?.Name ?? "";
        var replicas = set.Spec?.Replicas ?? 1;
        var start = set.Spec?.Ordinals?.Start ?? 0;
        var ordered = set.Spec?.PodManagementPolicy != "Parallel";
        var partition = set.Spec?.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
        var rolling = set.Spec?.UpdateStrategy?.Type != "OnDelete";
        var minReady = set.Spec?.MinReadySeconds ?? 0;

        var byOrdinal = new SortedDictionary<int, Pod>();
        foreach (var pod in pods)
        {
            if (OrdinalOf(name, pod) is int ordinal)
            {
                byOrdinal[ordinal] = pod;
            }
        }

        var create = new List<OrdinalToCreate>();
        var delete = new List<Pod>();
        var blocked = false;
        for (var ordinal = start; ordinal < start + replicas; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                if (!blocked)
                {
                    create.Add(new OrdinalToCreate(ordinal, !(ordinal - start < partition && currentRevision != updateRevision)));
                }

                blocked |= ordered;
                continue;
            }

            if (pod.Status?.Phase == "Failed" && pod.Metadata?.DeletionTimestamp is null)
            {
                delete.Add(pod);
                blocked |= ordered;
                continue;
            }

            if (!Healthy(pod))
            {
                blocked |= ordered;
            }
        }

        var anyTerminating = byOrdinal.Values.Any(p => p.Metadata?.DeletionTimestamp is not null);
        var condemned = byOrdinal.Where(p => p.Key < start || p.Key >= start + replicas).OrderByDescending(p => p.Key).Select(p => p.Value)
            .Where(p => p.Metadata?.DeletionTimestamp is null).ToList();
        if (!ordered)
        {
            delete.AddRange(condemned);
        }
        else if (!blocked && !anyTerminating && condemned.Count > 0)
        {
            delete.Add(condemned[0]);
        }

        var inRange = byOrdinal.Where(p => p.Key >= start && p.Key < start + replicas).ToList();
        if (rolling && create.Count == 0 && delete.Count == 0 && !anyTerminating && inRange.All(p => Healthy(p.Value)))
        {
            var outdated = inRange.Where(p => p.Key - start >= partition && p.Value.Metadata?.Labels?.GetValueOrDefault(RevisionLabel) != updateRevision)
                .OrderByDescending(p => p.Key).Select(p => p.Value).FirstOrDefault();
            if (outdated is not null)
            {
                delete.Add(outdated);
            }
        }

        var live = byOrdinal.Values.ToList();
        var updated = live.Count(p => p.Metadata?.Labels?.GetValueOrDefault(RevisionLabel) == updateRevision);
        var current = live.Count(p => p.Metadata?.Labels?.GetValueOrDefault(RevisionLabel) == currentRevision);
        var ready = live.Count(PodState.IsReady);
        var available = live.Count(p => PodState.IsAvailable(p, minReady, now));
        var rolledOut = updated == replicas && live.Count == replicas && ready == replicas;
        var status = new StatefulSetStatus
        {
            ObservedGeneration = set.Metadata?.Generation,
            Replicas = live.Count,
            ReadyReplicas = ready == 0 ? null : ready,
            AvailableReplicas = available,
            CurrentReplicas = rolledOut ? updated : (current == 0 ? null : current),
            UpdatedReplicas = updated == 0 ? null : updated,
            CurrentRevision = rolledOut ? updateRevision : currentRevision,
            UpdateRevision = updateRevision,
            CollisionCount = set.Status?.CollisionCount ?? 0,
            Conditions = set.Status?.Conditions,
        };
        return new StatefulSetDecision(create, delete, status);
    }
}
