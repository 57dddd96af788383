namespace KubeSharp.Api.Scheduling.V1;

/// <summary>Server-side defaulting of scheduling.k8s.io/v1 objects.</summary>
public static class SchedulingV1Defaults
{
    public static void Apply(PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(priorityClass);
        priorityClass.PreemptionPolicy ??= "PreemptLowerPriority";
    }
}
