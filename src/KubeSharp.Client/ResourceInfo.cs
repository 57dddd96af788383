using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using KubeSharp.Api;

namespace KubeSharp.Client;

/// <summary>Where a kind lives in the REST API, read from its <see cref="KubernetesEntityAttribute"/>.</summary>
public sealed class ResourceInfo
{
    private static readonly ConcurrentDictionary<Type, ResourceInfo> Cache = new();

    public ResourceInfo(string group, string version, string kind, string plural, bool namespaced)
    {
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
        Namespaced = namespaced;
        GroupVersionPath = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
    }

    public string Group { get; }
    public string Version { get; }
    public string Kind { get; }
    public string Plural { get; }
    public bool Namespaced { get; }
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    /// <summary>"/api/v1" or "/apis/{group}/{version}".</summary>
    public string GroupVersionPath { get; }

    public static ResourceInfo For<T>() => For(typeof(T));

    public static ResourceInfo For(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var entity = t.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{t.FullName} has no [KubernetesEntity] attribute", nameof(type));
        return new ResourceInfo(entity.Group, entity.Version, entity.Kind, entity.Plural, entity.Namespaced);
    });

    /// <summary>
    /// The path of the collection (name null) or of one object, optionally a subresource of it.
    /// A namespaced kind with namespace null addresses all namespaces (lists and watches only).
    /// </summary>
    public string PathFor(string? ns, string? name = null, string? subresource = null)
    {
        var path = new StringBuilder(GroupVersionPath);
        if (Namespaced && !string.IsNullOrEmpty(ns))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }
        else if (Namespaced && name is not null)
        {
            throw new ArgumentException($"{Plural} are namespaced: a namespace is required to address \"{name}\"");
        }

        path.Append('/').Append(Plural);
        if (name is not null)
        {
            if (name.Length == 0)
            {
                throw new ArgumentException("object name must not be empty", nameof(name));
            }

            path.Append('/').Append(Uri.EscapeDataString(name));
            if (!string.IsNullOrEmpty(subresource))
            {
                path.Append('/').Append(subresource);
            }
        }

        return path.ToString();
    }
}
