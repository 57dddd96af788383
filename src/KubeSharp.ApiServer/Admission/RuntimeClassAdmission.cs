using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Node.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' RuntimeClass admission: a new pod naming a runtimeClassName that does not exist is
/// forbidden; otherwise the class's overhead becomes the pod's spec.overhead (a different one the
/// pod already carries is forbidden) and its scheduling constraints are merged into the pod's
/// nodeSelector (a conflicting value is forbidden) and tolerations.
/// </summary>
public sealed class RuntimeClassAdmission : IAdmissionPlugin
{
    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (old is not null || obj is not Pod { Spec.RuntimeClassName: { Length: > 0 } className } pod)
        {
            return;
        }

        var runtimeClass = (await store.TryGetAsync(store.Catalog.Get<RuntimeClass>(), null, className, cancellationToken).ConfigureAwait(false))?.Object as RuntimeClass;
        Apply(pod, className, runtimeClass);
    }

    /// <summary>Pure: applies <paramref name="runtimeClass"/> (null when it does not exist) to the pod, or throws 403.</summary>
    public static void Apply(Pod pod, string className, RuntimeClass? runtimeClass)
    {
        var spec = pod.Spec!;
        var name = pod.Metadata?.Name ?? "";
        var pods = new GroupResource("", "pods");
        if (runtimeClass is null)
        {
            throw ApiException.Forbidden(pods, name, $"pod rejected: RuntimeClass \"{className}\" not found");
        }

        if (runtimeClass.Overhead?.PodFixed is { } overhead)
        {
            if (spec.Overhead is { Count: > 0 } given && !SameQuantities(given, overhead))
            {
                throw ApiException.Forbidden(pods, name, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
            }

            spec.Overhead = new Dictionary<string, Quantity>(overhead);
        }

        if (runtimeClass.Scheduling is not { } scheduling)
        {
            return;
        }

        if (scheduling.NodeSelector is { Count: > 0 } required)
        {
            var selector = spec.NodeSelector ?? [];
            foreach (var (key, value) in required)
            {
                if (selector.TryGetValue(key, out var podValue) && podValue != value)
                {
                    throw ApiException.Forbidden(pods, name, $"conflict: runtimeClass.scheduling.nodeSelector[{key}] = {value}; pod.spec.nodeSelector[{key}] = {podValue}");
                }

                selector[key] = value;
            }

            spec.NodeSelector = selector;
        }

        if (scheduling.Tolerations is { Count: > 0 } tolerations)
        {
            var merged = spec.Tolerations ?? [];
            foreach (var toleration in tolerations)
            {
                if (!merged.Any(t => t.Key == toleration.Key && t.Operator == toleration.Operator && t.Value == toleration.Value
                    && t.Effect == toleration.Effect && t.TolerationSeconds == toleration.TolerationSeconds))
                {
                    merged.Add(toleration);
                }
            }

            spec.Tolerations = merged;
        }
    }

    private static bool SameQuantities(Dictionary<string, Quantity> a, Dictionary<string, Quantity> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other.Value == kv.Value.Value);
}
