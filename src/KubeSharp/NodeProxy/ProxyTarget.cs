using System.Net.Sockets;

namespace KubeSharp.NodeProxy;

/// <summary>
/// The "name", "name:port" or "scheme:name:port" form that the proxy subresources of pods, services and nodes take as
/// the object's name, and the pieces of a proxied request's address.
/// </summary>
internal static class ProxyTarget
{
    /// <summary>Splits a proxy id as Kubernetes does; false when it has more than three parts, an empty name or an unknown scheme.</summary>
    public static bool TrySplit(string id, out string scheme, out string name, out string port)
    {
        scheme = "";
        name = "";
        port = "";
        var parts = id.Split(':');
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                (name, port) = (parts[0], parts[1]);
                break;
            case 3:
                (scheme, name, port) = (parts[0], parts[1], parts[2]);
                if (scheme is not ("http" or "https"))
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        return name.Length > 0;
    }

    /// <summary>
    /// What follows ".../{resource}/{name}/proxy" in a raw (still escaped) request path: "" or "/…", so escaped
    /// characters reach the backend as the client sent them. Null when the path has no proxy segment there.
    /// </summary>
    public static string? RawSuffix(string rawPath, string resource)
    {
        var segments = rawPath.Split('/');
        for (var i = 0; i + 2 < segments.Length; i++)
        {
            if (segments[i] == resource && segments[i + 2] == "proxy")
            {
                return i + 3 >= segments.Length ? "" : "/" + string.Join('/', segments[(i + 3)..]);
            }
        }

        return null;
    }

    /// <summary>The words Go's dialer uses for a failed connection, which Kubernetes' proxy errors quote.</summary>
    public static string DialError(string hostPort, Exception error)
    {
        var socket = error as SocketException ?? error.InnerException as SocketException;
        var detail = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connect: connection refused",
            SocketError.TimedOut => "i/o timeout",
            SocketError.HostUnreachable => "connect: no route to host",
            SocketError.NetworkUnreachable => "connect: network is unreachable",
            _ => null,
        };
        return detail is null ? error.Message : $"dial tcp {hostPort}: {detail}";
    }
}
