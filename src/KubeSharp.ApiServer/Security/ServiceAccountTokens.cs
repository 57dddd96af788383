using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Security;

/// <summary>
/// Issues and verifies service account tokens: ES256-signed JWTs with Kubernetes' claims
/// (sub system:serviceaccount:NS:NAME, the kubernetes.io claim with namespace and service
/// account). The signing key lives in &lt;data-dir&gt;/server/tls/service-account.key.
/// </summary>
public sealed class ServiceAccountTokens
{
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    private readonly ECDsa _key;
    private readonly string _keyId;

    public ServiceAccountTokens(string dataDir)
    {
        var path = Path.Combine(dataDir, "server", "tls", "service-account.key");
        _key = ECDsa.Create();
        if (File.Exists(path))
        {
            _key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            _key.GenerateKey(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(path, _key.ExportECPrivateKeyPem());
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _keyId = Base64Url(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()))[..20];
    }

    /// <summary>Where the issuer's public keys are published (OIDC discovery's jwks_uri).</summary>
    public const string KeySetPath = "/openid/v1/jwks";

    /// <summary>The OIDC discovery document of the service account issuer (/.well-known/openid-configuration).</summary>
    public JsonObject DiscoveryDocument() => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + KeySetPath,
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("ES256"),
    };

    /// <summary>The JSON Web Key Set with the public key that verifies the tokens (/openid/v1/jwks).</summary>
    public JsonObject KeySet()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["use"] = "sig",
                ["kty"] = "EC",
                ["kid"] = _keyId,
                ["crv"] = "P-256",
                ["alg"] = "ES256",
                ["x"] = Base64Url(parameters.Q.X!),
                ["y"] = Base64Url(parameters.Q.Y!),
            }),
        };
    }

    public (string Token, DateTimeOffset Expires) Issue(string ns, string serviceAccount, string serviceAccountUid, IReadOnlyList<string> audiences, TimeSpan lifetime, DateTimeOffset now)
    {
        var expires = now + lifetime;
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _keyId };
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = $"system:serviceaccount:{ns}:{serviceAccount}",
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = serviceAccount, ["uid"] = serviceAccountUid },
            },
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return (signingInput + "." + Base64Url(signature), expires);
    }

    /// <summary>The user a valid, unexpired token of ours stands for; null otherwise.</summary>
    public UserInfo? Verify(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var signature = FromBase64Url(parts[2]);
            if (!_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return null;
            }

            var claims = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
            if ((string?)claims["iss"] != Issuer || claims["exp"]?.GetValue<long>() is not long exp || exp < now.ToUnixTimeSeconds())
            {
                return null;
            }

            var ns = (string?)claims["kubernetes.io"]?["namespace"];
            var sub = (string?)claims["sub"];
            return sub is null || ns is null ? null : new UserInfo(sub, ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or CryptographicException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
