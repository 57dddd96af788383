using System.Text;
using System.Text.Json;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Cri.V1;

namespace KubeSharp.Node.Pods;

/// <summary>
/// The kubelet's keyring for a pod's imagePullSecrets: <c>kubernetes.io/dockerconfigjson</c> (<c>.dockerconfigjson</c>,
/// <c>{"auths": {...}}</c>) and <c>kubernetes.io/dockercfg</c> (<c>.dockercfg</c>, the bare map) secrets give registry
/// entries; an image's candidates are the entries whose host (with <c>*</c> globs per label and the same port) and path
/// prefix match its repository, most specific first. Docker Hub's keys (<c>index.docker.io</c>,
/// <c>https://index.docker.io/v1/</c>, <c>docker.io</c>) all match <c>docker.io</c> images.
/// </summary>
internal static class ImagePullCredentials
{
    /// <summary>The credentials to try for <paramref name="image"/>, in order; empty when none match (pull anonymously).</summary>
    public static async Task<IReadOnlyList<AuthConfig>> ForImageAsync(Pod pod, string image, IPodObjectSource objects, CancellationToken cancellationToken)
    {
        var entries = new List<(string Key, AuthConfig Auth)>();
        foreach (var reference in pod.Spec?.ImagePullSecrets ?? [])
        {
            if (string.IsNullOrEmpty(reference.Name))
            {
                continue;
            }

            var secret = await objects.GetSecretAsync(pod.Metadata?.Namespace ?? "", reference.Name, cancellationToken).ConfigureAwait(false);
            if (secret is not null)
            {
                entries.AddRange(Entries(secret));
            }
        }

        return Match(entries, image);
    }

    /// <summary>Registry entries of one secret; a secret of another type or with malformed content has none.</summary>
    public static IEnumerable<(string Key, AuthConfig Auth)> Entries(Secret secret)
    {
        var data = secret.Data ?? [];
        JsonElement auths;
        try
        {
            if (data.TryGetValue(".dockerconfigjson", out var json))
            {
                using var document = JsonDocument.Parse(json);
                if (!document.RootElement.TryGetProperty("auths", out var found) || found.ValueKind != JsonValueKind.Object)
                {
                    return [];
                }

                auths = found.Clone();
            }
            else if (data.TryGetValue(".dockercfg", out var cfg))
            {
                using var document = JsonDocument.Parse(cfg);
                auths = document.RootElement.Clone();
            }
            else
            {
                return [];
            }
        }
        catch (JsonException)
        {
            return [];
        }

        if (auths.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var entries = new List<(string, AuthConfig)>();
        foreach (var entry in auths.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var username = Text(entry.Value, "username");
            var password = Text(entry.Value, "password");
            if (Text(entry.Value, "auth") is { Length: > 0 } encoded && username.Length == 0 && password.Length == 0)
            {
                // "auth" is base64("user:password"); the explicit fields win when both are there.
                try
                {
                    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        username = decoded[..colon];
                        password = decoded[(colon + 1)..];
                    }
                }
                catch (FormatException)
                {
                }
            }

            entries.Add((entry.Name, new AuthConfig
            {
                Username = username,
                Password = password,
                ServerAddress = entry.Name,
                IdentityToken = Text(entry.Value, "identitytoken"),
                RegistryToken = Text(entry.Value, "registrytoken"),
            }));
        }

        return entries;
    }

    /// <summary>The entries that apply to <paramref name="image"/>, most specific key first.</summary>
    public static IReadOnlyList<AuthConfig> Match(IEnumerable<(string Key, AuthConfig Auth)> entries, string image)
    {
        var normalized = ImageReference.Normalize(image);
        var repository = StripTagAndDigest(normalized);
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var (imageHost, imagePath) = (repository[..slash], repository[(slash + 1)..]);
        return entries
            .Select(e => (e.Key, e.Auth, Parsed: ParseKey(e.Key)))
            .Where(e => e.Parsed is { } key && HostMatches(key.Host, imageHost) && PathMatches(key.Path, imagePath))
            .OrderByDescending(e => e.Parsed!.Value.Host.Length + e.Parsed!.Value.Path.Length)
            .Select(e => e.Auth)
            .ToList();
    }

    private static (string Host, string Path)? ParseKey(string key)
    {
        var text = key.Contains("://", StringComparison.Ordinal) ? key : "https://" + key;
        if (!Uri.TryCreate(text.Replace("*", "wildcard-", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        host = host.Replace("wildcard-", "*", StringComparison.Ordinal);
        var path = uri.AbsolutePath.Trim('/');
        if (host is "index.docker.io" or "registry-1.docker.io")
        {
            host = "docker.io";
        }

        // Docker Hub's legacy key carries the API version as its path.
        if (host == "docker.io" && path is "v1" or "v2")
        {
            path = "";
        }

        return (host, path);
    }

    private static bool HostMatches(string pattern, string host)
    {
        var patternPort = pattern.Split(':', 2);
        var hostPort = host.Split(':', 2);
        if ((patternPort.Length > 1 ? patternPort[1] : "") != (hostPort.Length > 1 ? hostPort[1] : ""))
        {
            return false;
        }

        var patternLabels = patternPort[0].Split('.');
        var hostLabels = hostPort[0].Split('.');
        return patternLabels.Length == hostLabels.Length
            && patternLabels.Zip(hostLabels).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)
                || (p.First.Contains('*', StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(p.Second, "^" + System.Text.RegularExpressions.Regex.Escape(p.First).Replace("\\*", "[^.]*", StringComparison.Ordinal) + "$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
    }

    private static bool PathMatches(string prefix, string path) =>
        prefix.Length == 0 || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);

    private static string StripTagAndDigest(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            reference = reference[..at];
        }

        var lastSlash = reference.LastIndexOf('/');
        var colon = reference.IndexOf(':', lastSlash + 1);
        return colon >= 0 ? reference[..colon] : reference;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
