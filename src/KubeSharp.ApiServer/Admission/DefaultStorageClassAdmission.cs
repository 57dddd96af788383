using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' DefaultStorageClass admission: a new PersistentVolumeClaim that names no class
/// (spec.storageClassName unset and no volume.beta.kubernetes.io/storage-class annotation) gets the
/// default class, the one annotated storageclass.kubernetes.io/is-default-class: "true" (the newest if
/// several are). An explicit "" means "no class" and is kept. Claims created while no default exists
/// keep an unset class; the PersistentVolume controller assigns the default to them later.
/// </summary>
public sealed class DefaultStorageClassAdmission : IAdmissionPlugin
{
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";
    public const string BetaDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";
    private const string BetaClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (old is not null || obj is not PersistentVolumeClaim claim || !NamesNoClass(claim))
        {
            return;
        }

        var (items, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<StorageClass>(), false, cancellationToken).ConfigureAwait(false);
        Apply(claim, items.Values.Select(s => (StorageClass)s.Object));
    }

    /// <summary>Pure: gives a claim that names no class the default class, if there is one.</summary>
    public static void Apply(PersistentVolumeClaim claim, IEnumerable<StorageClass> classes)
    {
        if (NamesNoClass(claim) && DefaultClass(classes) is { } name)
        {
            (claim.Spec ??= new PersistentVolumeClaimSpec()).StorageClassName = name;
        }
    }

    private static bool NamesNoClass(PersistentVolumeClaim claim) =>
        claim.Spec?.StorageClassName is null && claim.Metadata?.Annotations?.ContainsKey(BetaClassAnnotation) != true;

    /// <summary>Pure: the name of the default class among <paramref name="classes"/> (newest first, then by name), or null.</summary>
    public static string? DefaultClass(IEnumerable<StorageClass> classes) =>
        classes.Where(c => c.Metadata?.Annotations is { } a
                && ((a.TryGetValue(DefaultClassAnnotation, out var v) && v == "true") || (a.TryGetValue(BetaDefaultClassAnnotation, out var b) && b == "true")))
            .OrderByDescending(c => c.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Metadata?.Name, StringComparer.Ordinal)
            .Select(c => c.Metadata?.Name)
            .FirstOrDefault();
}
