using System.Text;

namespace KubeSharp.ApiServer.Security;

/// <summary>Writes an admin kubeconfig (cluster CA, server URL, client certificate) as kubectl reads it.</summary>
public static class KubeconfigWriter
{
    public static string Render(string serverUrl, ClusterCertificates certificates, string contextName = "default")
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var ca = B64(ClusterCertificates.ToPem(certificates.CertificateAuthority));
        var cert = B64(ClusterCertificates.ToPem(certificates.AdminClient));
        var key = B64(ClusterCertificates.PrivateKeyPem(certificates.AdminClient));
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {{ca}}
                server: {{serverUrl}}
              name: {{contextName}}
            contexts:
            - context:
                cluster: {{contextName}}
                user: {{contextName}}
              name: {{contextName}}
            current-context: {{contextName}}
            preferences: {}
            users:
            - name: {{contextName}}
              user:
                client-certificate-data: {{cert}}
                client-key-data: {{key}}

            """;
    }

    /// <summary>Writes the file atomically with mode 0600.</summary>
    public static void Write(string path, string content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, content);
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, path, overwrite: true);
    }
}
