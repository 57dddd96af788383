namespace KubeSharp.E2E;

/// <summary>
/// The "Certificates and Certificate Signing Requests" task with openssl and the real kubectl: a user's
/// key and request, `kubectl certificate approve`, the issued certificate in a kubeconfig, and requests
/// made with it authenticated as that user.
/// </summary>
[Collection("cluster")]
public sealed class KubectlCertificateTests(ClusterFixture cluster)
{
    private async Task<string> Ok(string program, params string[] args)
    {
        var r = await cluster.RunAsync(program, args, stdin: null);
        Assert.True(r.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    private static string CsrManifest(string name, string requestPath) => $"""
        apiVersion: certificates.k8s.io/v1
        kind: CertificateSigningRequest
        metadata:
          name: {name}
        spec:
          request: {Convert.ToBase64String(File.ReadAllBytes(requestPath))}
          signerName: kubernetes.io/kube-apiserver-client
          expirationSeconds: 86400
          usages:
          - client auth
        """;

    [Fact]
    public async Task An_approved_request_yields_a_certificate_that_authenticates_the_user()
    {
        var dir = Path.Combine(cluster.DataDir, "csr-task");
        Directory.CreateDirectory(dir);
        var key = Path.Combine(dir, "myuser.key");
        var request = Path.Combine(dir, "myuser.csr");
        await Ok("openssl", "genrsa", "-out", key, "2048");
        await Ok("openssl", "req", "-new", "-key", key, "-out", request, "-subj", "/CN=myuser/O=developers");

        var created = await cluster.KubectlWithInputAsync(CsrManifest("myuser", request), "apply", "-f", "-");
        var pending = await Ok("kubectl", "get", "csr", "myuser");
        var approved = await Ok("kubectl", "certificate", "approve", "myuser");
        var certificate = "";
        for (var i = 0; i < 100 && certificate.Length == 0; i++)
        {
            certificate = await Ok("kubectl", "get", "csr", "myuser", "-o", "jsonpath={.status.certificate}");
            if (certificate.Length == 0)
            {
                await Task.Delay(200);
            }
        }

        var certPath = Path.Combine(dir, "myuser.crt");
        await File.WriteAllBytesAsync(certPath, Convert.FromBase64String(certificate));
        var issued = await Ok("kubectl", "get", "csr", "myuser");
        var userConfig = Path.Combine(dir, "kubeconfig");
        File.Copy(cluster.Kubeconfig, userConfig);
        var cluserName = (await Ok("kubectl", "--kubeconfig", userConfig, "config", "view", "-o", "jsonpath={.clusters[0].name}")).Trim();
        await Ok("kubectl", "--kubeconfig", userConfig, "config", "set-credentials", "myuser", $"--client-key={key}", $"--client-certificate={certPath}", "--embed-certs=true");
        await Ok("kubectl", "--kubeconfig", userConfig, "config", "set-context", "myuser", $"--cluster={cluserName}", "--user=myuser");
        await Ok("kubectl", "--kubeconfig", userConfig, "config", "use-context", "myuser");
        await Ok("openssl", "req", "-new", "-key", key, "-out", Path.Combine(dir, "second.csr"), "-subj", "/CN=myuser");
        var byUser = await cluster.RunAsync("kubectl", ["--kubeconfig", userConfig, "apply", "-f", "-"], CsrManifest("made-by-myuser", Path.Combine(dir, "second.csr")));
        var requestor = await Ok("kubectl", "get", "csr", "made-by-myuser", "-o", "jsonpath={.spec.username} {.spec.groups}");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\n", pending);
        Assert.Matches(@"myuser\s+\S+\s+kubernetes.io/kube-apiserver-client\s+system:admin\s+24h\s+Pending", pending);
        Assert.Equal("certificatesigningrequest.certificates.k8s.io/myuser approved\n", approved);
        Assert.Matches(@"myuser\s+\S+\s+kubernetes.io/kube-apiserver-client\s+system:admin\s+24h\s+Approved,Issued", issued);
        Assert.True(byUser.ExitCode == 0, byUser.ToString());
        Assert.StartsWith("myuser [", requestor, StringComparison.Ordinal);
        Assert.Contains("developers", requestor, StringComparison.Ordinal);
    }
}
