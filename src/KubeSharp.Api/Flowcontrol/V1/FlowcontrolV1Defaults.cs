namespace KubeSharp.Api.Flowcontrol.V1;

/// <summary>Kubernetes' defaults for flowcontrol.apiserver.k8s.io/v1.</summary>
public static class FlowcontrolV1Defaults
{
    public static void Apply(FlowSchema obj)
    {
        if (obj.Spec is { } spec)
        {
            spec.MatchingPrecedence ??= 1000;
        }
    }

    public static void Apply(PriorityLevelConfiguration obj)
    {
        if (obj.Spec?.Limited is { } limited)
        {
            limited.NominalConcurrencyShares ??= 30;
            limited.LendablePercent ??= 0;
            if (limited.LimitResponse is { Queuing: { } queuing })
            {
                queuing.Queues ??= 64;
                queuing.HandSize ??= 8;
                queuing.QueueLengthLimit ??= 50;
            }
        }

        if (obj.Spec?.Exempt is { } exempt)
        {
            exempt.NominalConcurrencyShares ??= 0;
            exempt.LendablePercent ??= 0;
        }
    }
}
