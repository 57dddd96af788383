using System.Text.Json;
using System.Text.RegularExpressions;
using KubeSharp.Api;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// Keeps the catalog serving what the stored CustomResourceDefinitions define: every served
/// version of each, at /apis/&lt;group&gt;/&lt;version&gt;/…, the storage version owning the store keys
/// and the others reading and writing it with only apiVersion rewritten (conversion None).
/// Called by the watch cache in revision order (single-threaded).
/// </summary>
internal sealed class CustomResourceDefiner : IResourceDefiner
{
    private readonly ResourceCatalog _catalog;
    private readonly CustomResourceConverter? _converter;
    private readonly Dictionary<string, (string Fingerprint, IReadOnlyList<ResourceDefinition> Definitions)> _served = new(StringComparer.Ordinal);

    public CustomResourceDefiner(ResourceCatalog catalog, CustomResourceConverter? converter = null)
    {
        _catalog = catalog;
        _converter = converter;
    }

    public string KeyPrefix => "/registry/apiextensions.k8s.io/customresourcedefinitions/";

    public IReadOnlyList<StorageChange> Observe(StoredObject obj, bool deleted)
    {
        if (obj.Object is not CustomResourceDefinition crd || crd.Metadata?.Name is not { } name)
        {
            return [];
        }

        _served.TryGetValue(name, out var previous);
        var previousStorage = previous.Definitions?.FirstOrDefault(d => d.StorageDefinition is null);
        if (deleted)
        {
            if (previous.Definitions is null)
            {
                return [];
            }

            _served.Remove(name);
            _catalog.Replace(previous.Definitions, []);
            return previousStorage is null ? [] : [new StorageChange(previousStorage, null)];
        }

        var fingerprint = JsonSerializer.Serialize(crd.Spec, KubeJson.Options) + (crd.Meta.DeletionTimestamp is null ? "" : "/terminating");
        if (previous.Fingerprint == fingerprint)
        {
            return [];
        }

        var definitions = Build(crd, _converter);
        _served[name] = (fingerprint, definitions);
        _catalog.Replace(previous.Definitions ?? [], definitions);
        var storage = definitions.FirstOrDefault(d => d.StorageDefinition is null);
        return previousStorage is null && storage is null ? [] : [new StorageChange(previousStorage, storage)];
    }

    /// <summary>The resources a definition serves, preferred version first; none when it is not servable.</summary>
    internal static IReadOnlyList<ResourceDefinition> Build(CustomResourceDefinition crd, CustomResourceConverter? converter = null)
    {
        var spec = crd.Spec;
        if (spec?.Group is not { Length: > 0 } || spec.Names is not { Plural.Length: > 0, Kind.Length: > 0 } || spec.Versions is not { Count: > 0 } versions)
        {
            return [];
        }

        var storageVersion = versions.FirstOrDefault(v => v.Storage == true);
        if (storageVersion?.Name is null)
        {
            return [];
        }

        var terminating = crd.Meta.DeletionTimestamp is not null;
        var byWebhook = converter is not null && spec.Conversion?.Strategy == "Webhook";
        var storage = Make(crd, storageVersion, terminating, null, byWebhook ? converter : null);
        var result = new List<ResourceDefinition>();
        foreach (var version in versions.Where(v => v.Served == true && v.Name is not null).OrderBy(v => v.Name!, VersionPriority.Comparer))
        {
            result.Add(version == storageVersion ? storage : Make(crd, version, terminating, storage, byWebhook ? converter : null));
        }

        if (!result.Contains(storage))
        {
            result.Add(storage);
        }

        return result;
    }

    /// <param name="converter">Set for conversion strategy Webhook: reads convert objects not at this version, writes convert to the storage version.</param>
    private static ResourceDefinition Make(CustomResourceDefinition crd, CustomResourceDefinitionVersion version, bool terminating, ResourceDefinition? storage, CustomResourceConverter? converter)
    {
        var spec = crd.Spec!;
        var names = spec.Names!;
        var custom = new CustomResourceVersion(crd, version, terminating) { ConvertsByWebhook = converter is not null };
        var apiVersion = $"{spec.Group}/{version.Name}";
        var subresources = new List<string>();
        if (version.Subresources?.Status is not null)
        {
            subresources.Add("status");
        }

        ScaleFields? scale = null;
        if (version.Subresources?.Scale is { } s)
        {
            subresources.Add("scale");
            scale = new ScaleFields(s.SpecReplicasPath ?? ".spec.replicas", s.StatusReplicasPath ?? ".status.replicas", s.LabelSelectorPath);
        }

        return new ResourceDefinition(
            typeof(CustomResource),
            spec.Group!,
            version.Name!,
            names.Kind!,
            names.Plural!,
            string.IsNullOrEmpty(names.Singular) ? names.Kind!.ToLowerInvariant() : names.Singular,
            spec.Scope != "Cluster",
            names.ShortNames ?? [],
            names.Categories ?? [],
            subresources,
            new CustomResourceStrategy(custom))
        {
            StorageDefinition = storage,
            ToStorageVersion = storage is null ? null : converter?.For(crd, storage.ApiVersion) ?? SameObject,
            FromStorageVersion = converter?.For(crd, apiVersion) ?? (storage is null ? null : SameObject),
            Printer = new CustomResourcePrinter(version.AdditionalPrinterColumns),
            ScaleFields = scale,
            Custom = custom,
        };
    }

    /// <summary>Conversion strategy None: the object is the same in every version, apiVersion apart (which the registry sets).</summary>
    private static KubernetesObject SameObject(KubernetesObject obj) => obj;
}

/// <summary>Kubernetes' ordering of version names: GA before beta before alpha, higher numbers first, then other names alphabetically.</summary>
internal static partial class VersionPriority
{
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    private static int Compare(string a, string b)
    {
        var (ka, ra) = Rank(a);
        var (kb, rb) = Rank(b);
        if (ka != kb)
        {
            return ka.CompareTo(kb);
        }

        if (ka == 3)
        {
            return string.CompareOrdinal(a, b);
        }

        var byMajor = rb.Major.CompareTo(ra.Major);
        return byMajor != 0 ? byMajor : rb.Minor.CompareTo(ra.Minor);
    }

    /// <summary>0 GA, 1 beta, 2 alpha, 3 not a Kubernetes version name.</summary>
    private static (int Kind, (int Major, int Minor) Numbers) Rank(string name)
    {
        var m = KubeVersion().Match(name);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, out var major))
        {
            return (3, (0, 0));
        }

        var minor = m.Groups[3].Success && int.TryParse(m.Groups[3].Value, out var n) ? n : 0;
        return m.Groups[2].Value switch
        {
            "" => (0, (major, 0)),
            "beta" => (1, (major, minor)),
            _ => (2, (major, minor)),
        };
    }

    [GeneratedRegex(@"^v(\d+)(?:(alpha|beta)(\d+))?$")]
    private static partial Regex KubeVersion();
}
