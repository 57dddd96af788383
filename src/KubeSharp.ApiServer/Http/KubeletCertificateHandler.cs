using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using KubeSharp.ApiServer.Security;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// POST <see cref="Path"/>: signs a node agent's kubelet serving certificate with the cluster CA, so that the API
/// server can verify the kubelet port it connects to. Callers must be nodes (group system:nodes, the join token's
/// identity) or administrators. Body: <c>{"nodeName", "addresses": [IP…], "certificateSigningRequest": PEM}</c>;
/// answer: <c>{"certificate": PEM, "certificateAuthority": PEM}</c> (the CA also lets the agent verify the API
/// server's kubelet client certificate).
/// </summary>
public sealed class KubeletCertificateHandler(ClusterCertificates certificates)
{
    public const string Path = "/kubesharp/v1/kubelet-serving-certificate";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }

        var user = context.Items["user"] as UserInfo;
        if (user is null || !user.Groups.Any(g => g is "system:nodes" or "system:masters"))
        {
            throw new ApiException(403, "Forbidden", $"User \"{user?.Name}\" cannot sign kubelet serving certificates");
        }

        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        SigningRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SigningRequest>(body, Json);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest(e.Message);
        }

        if (request is null || string.IsNullOrEmpty(request.NodeName) || string.IsNullOrEmpty(request.CertificateSigningRequest))
        {
            throw ApiException.BadRequest("nodeName and certificateSigningRequest are required");
        }

        var addresses = new List<IPAddress>();
        foreach (var text in request.Addresses ?? [])
        {
            addresses.Add(IPAddress.TryParse(text, out var ip) ? ip : throw ApiException.BadRequest($"invalid IP address \"{text}\""));
        }

        string certificate;
        try
        {
            using var issued = certificates.IssueKubeletServingCertificate(request.NodeName, addresses, request.CertificateSigningRequest);
            certificate = issued.ExportCertificatePem();
        }
        catch (CryptographicException e)
        {
            throw ApiException.BadRequest("invalid certificate signing request: " + e.Message);
        }

        var answer = new SigningAnswer(certificate, certificates.CertificateAuthority.ExportCertificatePem());
        await ResponseWriter.WriteJsonAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(answer, Json)).ConfigureAwait(false);
    }

    private sealed record SigningRequest(string? NodeName, List<string>? Addresses, string? CertificateSigningRequest);

    private sealed record SigningAnswer(string Certificate, string CertificateAuthority);
}
