using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Security;

/// <summary>Who is calling: user name and groups, as Kubernetes' user.Info.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups);

/// <summary>
/// Authenticates requests by client certificate (issued by the cluster CA: CN = user, O = groups)
/// or bearer token. A request with neither is anonymous, allowed only on the public endpoints.
/// </summary>
public sealed class Authenticator
{
    private readonly ClusterCertificates _certificates;
    private readonly Dictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (UserInfo User, DateTime NotAfter)> _verifiedCertificates = new(StringComparer.Ordinal);

    private readonly ServiceAccountTokens _serviceAccountTokens;

    public Authenticator(ClusterCertificates certificates, ServiceAccountTokens serviceAccountTokens)
    {
        _certificates = certificates;
        _serviceAccountTokens = serviceAccountTokens;
    }

    public void AddToken(string token, UserInfo user) => _tokens[token] = user;

    public static bool IsPublicPath(string path) =>
        path is "/version" or "/healthz" or "/livez" or "/readyz" || path.StartsWith("/healthz/", StringComparison.Ordinal)
        || path.StartsWith("/livez/", StringComparison.Ordinal) || path.StartsWith("/readyz/", StringComparison.Ordinal)
        || path.StartsWith("/.well-known/openid-configuration", StringComparison.Ordinal) || path == "/openid/v1/jwks";

    /// <summary>The user a bearer token belongs to (the join token or a valid service account token); null otherwise.</summary>
    public UserInfo? AuthenticateToken(string token) =>
        _tokens.GetValueOrDefault(token) ?? _serviceAccountTokens.Verify(token, DateTimeOffset.UtcNow);

    public async Task<UserInfo?> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateToken(header["Bearer ".Length..].Trim());
        }

        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(context.RequestAborted).ConfigureAwait(false);
        if (certificate is null)
        {
            return null;
        }

        // Building the chain costs ~0.2 ms; a certificate's verdict holds until it expires.
        var thumbprint = certificate.Thumbprint;
        if (_verifiedCertificates.TryGetValue(thumbprint, out var cached) && cached.NotAfter > DateTime.UtcNow)
        {
            return cached.User;
        }

        if (_certificates.IsIssuedByCluster(certificate))
        {
            var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            var groups = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
                .Where(r => r.GetSingleElementType().Value == "2.5.4.10")
                .Select(r => r.GetSingleElementValue() ?? "")
                .ToList();
            groups.Add("system:authenticated");
            var user = new UserInfo(cn, groups);
            if (_verifiedCertificates.Count > 10_000)
            {
                _verifiedCertificates.Clear();
            }

            _verifiedCertificates[thumbprint] = (user, certificate.NotAfter.ToUniversalTime());
            return user;
        }

        return null;
    }
}
