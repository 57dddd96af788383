namespace KubeSharp.ApiServer;

/// <summary>The /version document. KubeSharp speaks the Kubernetes 1.32 API.</summary>
public sealed class ServerVersion
{
    public static ServerVersion Current { get; } = new();

    /// <summary>The JSON options /version is written with: the API's, indented.</summary>
    public static System.Text.Json.JsonSerializerOptions IndentedJson { get; } = new(KubeSharp.Api.KubeJson.Options) { WriteIndented = true };

    public string Major { get; init; } = "1";
    public string Minor { get; init; } = "32";
    public string GitVersion { get; init; } = "v1.32.4+kubesharp";
    public string GitCommit { get; init; } = "kubesharp";
    public string GitTreeState { get; init; } = "clean";
    public string BuildDate { get; init; } = "2026-11-22T00:00:00Z";
    public string GoVersion { get; init; } = "dotnet" + Environment.Version;
    public string Compiler { get; init; } = "dotnet";
    public string Platform { get; init; } = "linux/amd64";
}
