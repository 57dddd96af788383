using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' admission defaults for new pods: the DefaultTolerationSeconds plugin (tolerate
/// node.kubernetes.io/not-ready and unreachable with NoExecute for 300 s unless the pod says
/// otherwise) and the service account name the ServiceAccount plugin fills in ("default").
/// </summary>
public sealed class PodDefaultsAdmission : IAdmissionPlugin
{
    public const long DefaultTolerationSeconds = 300;

    private static readonly string[] NodeProblemTaints = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    public Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (obj is Pod { Spec: { } spec } && old is null)
        {
            Apply(spec);
        }

        return Task.CompletedTask;
    }

    /// <summary>Pure: adds what a new pod gets by default.</summary>
    public static void Apply(PodSpec spec)
    {
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            spec.ServiceAccountName = string.IsNullOrEmpty(spec.ServiceAccount) ? "default" : spec.ServiceAccount;
        }

        spec.ServiceAccount ??= spec.ServiceAccountName;
        var tolerations = spec.Tolerations ??= [];
        foreach (var key in NodeProblemTaints)
        {
            // A toleration that already covers the taint (by key, or Exists without key) wins.
            var covered = tolerations.Any(t =>
                (t.Key == key || (string.IsNullOrEmpty(t.Key) && t.Operator == "Exists"))
                && (string.IsNullOrEmpty(t.Effect) || t.Effect == "NoExecute"));
            if (!covered)
            {
                tolerations.Add(new Toleration { Key = key, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = DefaultTolerationSeconds });
            }
        }
    }
}
