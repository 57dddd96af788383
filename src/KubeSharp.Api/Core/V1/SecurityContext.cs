namespace KubeSharp.Api.Core.V1;

public sealed class SecurityContext
{
    [Proto(1)] public Capabilities? Capabilities { get; set; }
    [Proto(2)] public bool? Privileged { get; set; }
    [Proto(3)] public SELinuxOptions? SeLinuxOptions { get; set; }
    [Proto(10)] public WindowsSecurityContextOptions? WindowsOptions { get; set; }
    [Proto(4)] public long? RunAsUser { get; set; }
    [Proto(8)] public long? RunAsGroup { get; set; }
    [Proto(5)] public bool? RunAsNonRoot { get; set; }
    [Proto(6)] public bool? ReadOnlyRootFilesystem { get; set; }
    [Proto(7)] public bool? AllowPrivilegeEscalation { get; set; }
    [Proto(9)] public string? ProcMount { get; set; }
    [Proto(11)] public SeccompProfile? SeccompProfile { get; set; }
    [Proto(12)] public AppArmorProfile? AppArmorProfile { get; set; }
}

public sealed class Capabilities
{
    [Proto(1)] public List<string>? Add { get; set; }
    [Proto(2)] public List<string>? Drop { get; set; }
}

public sealed class SeccompProfile
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? LocalhostProfile { get; set; }
}

public sealed class AppArmorProfile
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? LocalhostProfile { get; set; }
}

public sealed class SELinuxOptions
{
    [Proto(1)] public string? User { get; set; }
    [Proto(2)] public string? Role { get; set; }
    [Proto(3)] public string? Type { get; set; }
    [Proto(4)] public string? Level { get; set; }
}

public sealed class WindowsSecurityContextOptions
{
    [Proto(1)] public string? GmsaCredentialSpecName { get; set; }
    [Proto(2)] public string? GmsaCredentialSpec { get; set; }
    [Proto(3)] public string? RunAsUserName { get; set; }
    [Proto(4)] public bool? HostProcess { get; set; }
}
