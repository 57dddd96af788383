using KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.Controllers.Autoscaling;

/// <summary>Sets HorizontalPodAutoscaler conditions as Kubernetes does: one per type, its transition time kept while its status stays.</summary>
internal static class AutoscalerConditions
{
    public static void Set(List<HorizontalPodAutoscalerCondition> conditions, ConditionUpdate update, DateTimeOffset now)
    {
        var existing = conditions.FirstOrDefault(c => c.Type == update.Type);
        if (existing is null)
        {
            existing = new HorizontalPodAutoscalerCondition { Type = update.Type };
            conditions.Add(existing);
        }

        if (existing.Status != update.Status || existing.LastTransitionTime is null)
        {
            existing.Status = update.Status;
            existing.LastTransitionTime = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        }

        existing.Reason = update.Reason;
        existing.Message = update.Message;
    }
}
