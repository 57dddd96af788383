using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequests: the API operations, validation and the built-in signer.</summary>
public sealed class CertificateSigningRequestTests : IAsyncLifetime
{
    private const string Csrs = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    private const string ClientSigner = "kubernetes.io/kube-apiserver-client";

    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>A PEM PKCS#10 request for CN=<paramref name="user"/>, O=<paramref name="group"/>, and its key.</summary>
    internal static (string Pem, RSA Key) NewRequest(string user, string group = "devs")
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user}, O={group}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (request.CreateSigningRequestPem(), key);
    }

    private static JsonObject Csr(string name, string pem, string? signer = ClientSigner, JsonArray? usages = null, int? expirationSeconds = null)
    {
        var spec = new JsonObject
        {
            ["request"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)),
            ["usages"] = usages ?? new JsonArray("client auth"),
        };
        if (signer is not null)
        {
            spec["signerName"] = signer;
        }

        if (expirationSeconds is not null)
        {
            spec["expirationSeconds"] = expirationSeconds;
        }

        return new JsonObject { ["apiVersion"] = "certificates.k8s.io/v1", ["kind"] = "CertificateSigningRequest", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    private static JsonObject ApprovedCondition(string type = "Approved") =>
        new() { ["type"] = type, ["status"] = "True", ["reason"] = "Test", ["message"] = "set by a test" };

    private async Task<JsonObject> WaitForAsync(string name, Func<JsonObject, bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            var csr = await _server.GetAsync($"{Csrs}/{name}");
            if (done(csr))
            {
                return csr;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"certificate signing request {name} never reached the expected state");
    }

    private async Task<JsonObject> ApproveAsync(string name)
    {
        var csr = await _server.GetAsync($"{Csrs}/{name}/approval");
        csr["status"] = new JsonObject { ["conditions"] = new JsonArray(ApprovedCondition()) };
        var (code, body) = await _server.SendAsync(HttpMethod.Put, $"{Csrs}/{name}/approval", csr);
        Assert.True(code == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task Discovery_lists_the_resource_and_its_approval_and_status_subresources()
    {
        var list = await _server.GetAsync("/apis/certificates.k8s.io/v1");

        var resources = list["resources"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).ToList());
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], resources["certificatesigningrequests"].Order());
        Assert.Equal(["get", "patch", "update"], resources["certificatesigningrequests/approval"].Order());
        Assert.Equal(["get", "patch", "update"], resources["certificatesigningrequests/status"].Order());
        var groups = await _server.GetAsync("/apis");
        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "certificates.k8s.io");
    }

    [Fact]
    public async Task A_created_request_names_its_requester_and_starts_without_status()
    {
        var sent = Csr("mine", NewRequest("alice").Pem);
        sent["spec"]!["username"] = "somebody-else";
        sent["status"] = new JsonObject { ["conditions"] = new JsonArray(ApprovedCondition()) };

        var created = await _server.PostAsync(Csrs, sent);

        Assert.Equal("system:admin", created["spec"]!["username"]!.GetValue<string>());
        Assert.Contains(created["spec"]!["groups"]!.AsArray(), g => g!.GetValue<string>() == "system:masters");
        Assert.Null(created["status"]?["conditions"]);
    }

    [Theory]
    [InlineData("not-pem", ClientSigner, 700, "client auth", "spec.request", "PEM block type must be CERTIFICATE REQUEST")]
    [InlineData(null, null, 700, "client auth", "spec.signerName", "Required value")]
    [InlineData(null, "example/signer", 700, "client auth", "spec.signerName", "should be a domain with at least two segments separated by dots")]
    [InlineData(null, "example.com", 700, "client auth", "spec.signerName", "must be a fully qualified domain and path of the form 'example.com/signer-name'")]
    [InlineData(null, ClientSigner, 599, "client auth", "spec.expirationSeconds", "may not specify a duration less than 600 seconds (10 minutes)")]
    [InlineData(null, ClientSigner, 700, "flying", "spec.usages[0]", "Unsupported value: \"flying\"")]
    [InlineData(null, ClientSigner, 700, "", "spec.usages", "usages must be provided")]
    public async Task Invalid_requests_are_refused_with_the_field_and_reason(string? request, string? signer, int seconds, string usage, string field, string message)
    {
        var body = Csr("bad", request ?? NewRequest("carol").Pem, signer, usage.Length == 0 ? [] : new JsonArray(usage), seconds);
        if (request is not null)
        {
            body["spec"]!["request"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(request));
        }

        var (code, status) = await _server.SendAsync(HttpMethod.Post, Csrs, body);

        Assert.Equal((HttpStatusCode)422, code);
        var cause = status["details"]!["causes"]!.AsArray().First(c => c!["field"]!.GetValue<string>() == field)!;
        Assert.Contains(message, cause["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_sets_only_conditions_and_approved_and_denied_are_exclusive_and_permanent()
    {
        await _server.PostAsync(Csrs, Csr("approve-me", NewRequest("dave").Pem, signer: "example.com/manual"));

        var approved = await ApproveAsync("approve-me");
        var both = approved.DeepClone().AsObject();
        both["status"]!["conditions"]!.AsArray().Add(ApprovedCondition("Denied"));
        var (bothCode, bothStatus) = await _server.SendAsync(HttpMethod.Put, $"{Csrs}/approve-me/approval", both);
        var removed = approved.DeepClone().AsObject();
        removed["status"]!["conditions"] = new JsonArray();
        var (removedCode, removedStatus) = await _server.SendAsync(HttpMethod.Put, $"{Csrs}/approve-me/approval", removed);

        var condition = approved["status"]!["conditions"]![0]!;
        Assert.Equal("Approved", condition["type"]!.GetValue<string>());
        Assert.NotNull(condition["lastUpdateTime"]);
        Assert.NotNull(condition["lastTransitionTime"]);
        Assert.Equal((HttpStatusCode)422, bothCode);
        Assert.Contains("Approved and Denied conditions are mutually exclusive", bothStatus["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, removedCode);
        Assert.Contains("updates may not remove a condition of type \"Approved\"", removedStatus["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_writes_keep_the_spec_and_approval_and_carry_metadata()
    {
        await _server.PostAsync(Csrs, Csr("status-me", NewRequest("erin").Pem, signer: "example.com/manual"));
        await ApproveAsync("status-me");
        using var key = ECDsa.Create();
        var selfSigned = new CertificateRequest("CN=anything", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["patchedstatus"] = "true" } },
            ["status"] = new JsonObject { ["certificate"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(selfSigned.ExportCertificatePem())) },
        };

        var (patchCode, patched) = await _server.SendAsync(HttpMethod.Patch, $"{Csrs}/status-me/status", patch, "application/merge-patch+json");
        var update = patched.DeepClone().AsObject();
        update["spec"]!["usages"] = new JsonArray("server auth");
        update["status"]!["conditions"] = new JsonArray(new JsonObject { ["type"] = "StatusUpdate", ["status"] = "True", ["reason"] = "E2E" });
        var (updateCode, updated) = await _server.SendAsync(HttpMethod.Put, $"{Csrs}/status-me/status", update);
        var changed = updated.DeepClone().AsObject();
        changed["status"]!["certificate"] = patch["status"]!["certificate"]!.GetValue<string>()[..^8] + "AAAAAA==";
        var (changeCode, _) = await _server.SendAsync(HttpMethod.Put, $"{Csrs}/status-me/status", changed);

        Assert.Equal(HttpStatusCode.OK, patchCode);
        Assert.Equal("true", patched["metadata"]!["annotations"]!["patchedstatus"]!.GetValue<string>());
        Assert.Equal(patch["status"]!["certificate"]!.GetValue<string>(), patched["status"]!["certificate"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, updateCode);
        Assert.Equal(["Approved", "StatusUpdate"], updated["status"]!["conditions"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        Assert.Equal("client auth", updated["spec"]!["usages"]![0]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, changeCode);
    }

    [Fact]
    public async Task The_main_resource_updates_metadata_only_and_deletecollection_selects_by_label()
    {
        var created = await _server.PostAsync(Csrs, Csr("meta-only", NewRequest("frank").Pem, signer: "example.com/manual"));
        created["metadata"]!["labels"] = new JsonObject { ["batch"] = "one" };
        created["spec"]!["signerName"] = "example.com/changed";
        created["status"] = new JsonObject { ["conditions"] = new JsonArray(ApprovedCondition()) };

        var (code, updated) = await _server.SendAsync(HttpMethod.Put, $"{Csrs}/meta-only", created);
        var (deleteCode, _) = await _server.SendAsync(HttpMethod.Delete, $"{Csrs}?labelSelector=batch%3Done");
        var (getCode, _) = await _server.SendAsync(HttpMethod.Get, $"{Csrs}/meta-only");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("one", updated["metadata"]!["labels"]!["batch"]!.GetValue<string>());
        Assert.Equal("example.com/manual", updated["spec"]!["signerName"]!.GetValue<string>());
        Assert.Null(updated["status"]?["conditions"]);
        Assert.Equal(HttpStatusCode.OK, deleteCode);
        Assert.Equal(HttpStatusCode.NotFound, getCode);
    }

    [Fact]
    public async Task An_approved_client_request_is_signed_by_the_cluster_ca_and_the_certificate_authenticates_its_subject()
    {
        var (pem, key) = NewRequest("grace", "qa");
        using var _ = key;
        await _server.PostAsync(Csrs, Csr("grace", pem, expirationSeconds: 3600, usages: new JsonArray("digital signature", "key encipherment", "client auth")));
        await ApproveAsync("grace");

        var issued = await WaitForAsync("grace", c => c["status"]?["certificate"] is not null);
        var certificatePem = Encoding.ASCII.GetString(Convert.FromBase64String(issued["status"]!["certificate"]!.GetValue<string>()));
        using var certificate = X509Certificate2.CreateFromPem(certificatePem).CopyWithPrivateKey(key);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        handler.ClientCertificates.Add(certificate);
        using var asGrace = new HttpClient(handler) { BaseAddress = _server.Http.BaseAddress };
        using var content = new StringContent(Csr("by-grace", NewRequest("x").Pem, signer: "example.com/manual").ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await asGrace.PostAsync(Csrs, content);
        var byGrace = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("CN=grace, O=qa", certificate.Subject);
        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(66));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("grace", byGrace["spec"]!["username"]!.GetValue<string>());
        Assert.Contains(byGrace["spec"]!["groups"]!.AsArray(), g => g!.GetValue<string>() == "qa");
    }

    [Fact]
    public async Task The_client_signer_fails_a_request_for_server_auth()
    {
        await _server.PostAsync(Csrs, Csr("server", NewRequest("web").Pem, usages: new JsonArray("server auth")));
        await ApproveAsync("server");

        var failed = await WaitForAsync("server", c => c["status"]?["conditions"]?.AsArray().Any(x => x!["type"]!.GetValue<string>() == "Failed") == true);

        var condition = failed["status"]!["conditions"]!.AsArray().Single(x => x!["type"]!.GetValue<string>() == "Failed")!;
        Assert.Equal("SignerValidationFailure", condition["reason"]!.GetValue<string>());
        Assert.Equal("invalid usage for client certificate: server auth", condition["message"]!.GetValue<string>());
        Assert.Null(failed["status"]!["certificate"]);
    }
}
