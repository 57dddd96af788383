using KubeSharp.Api;
using KubeSharp.Api.Networking.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' DefaultIngressClass admission: a new Ingress that names no class (spec.ingressClassName unset and no
/// kubernetes.io/ingress.class annotation) gets the default IngressClass, the one annotated
/// ingressclass.kubernetes.io/is-default-class: "true" (the newest if several are). Updates are left alone.
/// </summary>
public sealed class DefaultIngressClassAdmission : IAdmissionPlugin
{
    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";
    private const string LegacyClassAnnotation = "kubernetes.io/ingress.class";

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (old is not null || obj is not Ingress ingress || !NamesNoClass(ingress))
        {
            return;
        }

        var (items, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<IngressClass>(), false, cancellationToken).ConfigureAwait(false);
        Apply(ingress, items.Values.Select(s => (IngressClass)s.Object));
    }

    /// <summary>Pure: gives an Ingress that names no class the default class, if there is one.</summary>
    public static void Apply(Ingress ingress, IEnumerable<IngressClass> classes)
    {
        if (!NamesNoClass(ingress))
        {
            return;
        }

        var name = classes
            .Where(c => c.Metadata?.Annotations?.GetValueOrDefault(DefaultClassAnnotation) == "true")
            .OrderByDescending(c => c.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Metadata?.Name, StringComparer.Ordinal)
            .Select(c => c.Metadata?.Name)
            .FirstOrDefault();
        if (name is not null)
        {
            (ingress.Spec ??= new IngressSpec()).IngressClassName = name;
        }
    }

    private static bool NamesNoClass(Ingress ingress) =>
        ingress.Spec?.IngressClassName is null && ingress.Metadata?.Annotations?.ContainsKey(LegacyClassAnnotation) != true;
}
