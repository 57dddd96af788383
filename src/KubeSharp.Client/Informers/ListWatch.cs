using KubeSharp.Api;

namespace KubeSharp.Client.Informers;

/// <summary>The two calls an informer makes: list a collection and watch it from a resourceVersion.</summary>
public interface IListWatch<T>
    where T : KubernetesObject
{
    Task<KubernetesList<T>> ListAsync(ListOptions options, CancellationToken cancellationToken);

    IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions options, CancellationToken cancellationToken);
}

/// <summary>List and watch through a <see cref="KubernetesClient"/>, in one namespace or all (null).</summary>
public sealed class ClientListWatch<T>(KubernetesClient client, string? ns = null) : IListWatch<T>
    where T : KubernetesObject
{
    public Task<KubernetesList<T>> ListAsync(ListOptions options, CancellationToken cancellationToken) =>
        client.ListAsync<T>(ns, options, cancellationToken);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions options, CancellationToken cancellationToken) =>
        client.WatchAsync<T>(ns, options, cancellationToken);
}
