using KubeSharp.ApiServer.Security;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// The authenticated (possibly impersonated) user of the API request being served, flowing with
/// the request's async context down to the registry, as Kubernetes carries it in the request
/// context. Null for the API server's own writes (garbage collection, namespace cleanup, bootstrap).
/// </summary>
public static class RequestUser
{
    private static readonly AsyncLocal<UserInfo?> Value = new();

    public static UserInfo? Current
    {
        get => Value.Value;
        set => Value.Value = value;
    }
}
