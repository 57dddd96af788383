namespace KubeSharp.Api.Core.V1;

/// <summary>Security options of a container; they override the pod's.</summary>
public sealed class SecurityContext
{
    /// <summary>Capabilities to add and drop.</summary>
    [Proto(1)] public Capabilities? Capabilities { get; set; }
    /// <summary>Run as privileged (like root on the host).</summary>
    [Proto(2)] public bool? Privileged { get; set; }
    /// <summary>SELinux context of the container.</summary>
    [Proto(3)] public SELinuxOptions? SeLinuxOptions { get; set; }
    /// <summary>Windows-specific options.</summary>
    [Proto(10)] public WindowsSecurityContextOptions? WindowsOptions { get; set; }
    /// <summary>User ID of the container process.</summary>
    [Proto(4)] public long? RunAsUser { get; set; }
    /// <summary>Primary group ID of the container process.</summary>
    [Proto(8)] public long? RunAsGroup { get; set; }
    /// <summary>Refuse to start if the process would run as root.</summary>
    [Proto(5)] public bool? RunAsNonRoot { get; set; }
    /// <summary>Mount the container's root filesystem read-only.</summary>
    [Proto(6)] public bool? ReadOnlyRootFilesystem { get; set; }
    /// <summary>Whether a process may gain more privileges than its parent (no_new_privs).</summary>
    [Proto(7)] public bool? AllowPrivilegeEscalation { get; set; }
    /// <summary>Default or Unmasked /proc.</summary>
    [Proto(9)] public string? ProcMount { get; set; }
    /// <summary>Seccomp profile of the container.</summary>
    [Proto(11)] public SeccompProfile? SeccompProfile { get; set; }
    /// <summary>AppArmor profile of the container.</summary>
    [Proto(12)] public AppArmorProfile? AppArmorProfile { get; set; }
}

/// <summary>Linux capabilities to add to or drop from a container.</summary>
public sealed class Capabilities
{
    /// <summary>Capabilities to add.</summary>
    [Proto(1)] public List<string>? Add { get; set; }
    /// <summary>Capabilities to remove.</summary>
    [Proto(2)] public List<string>? Drop { get; set; }
}

/// <summary>A seccomp profile.</summary>
public sealed class SeccompProfile
{
    /// <summary>RuntimeDefault, Unconfined or Localhost.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Profile file under the kubelet's seccomp directory (type Localhost).</summary>
    [Proto(2)] public string? LocalhostProfile { get; set; }
}

/// <summary>An AppArmor profile.</summary>
public sealed class AppArmorProfile
{
    /// <summary>RuntimeDefault, Unconfined or Localhost.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>Name of a profile loaded on the node (type Localhost).</summary>
    [Proto(2)] public string? LocalhostProfile { get; set; }
}

/// <summary>An SELinux label.</summary>
public sealed class SELinuxOptions
{
    /// <summary>SELinux user.</summary>
    [Proto(1)] public string? User { get; set; }
    /// <summary>SELinux role.</summary>
    [Proto(2)] public string? Role { get; set; }
    /// <summary>SELinux type.</summary>
    [Proto(3)] public string? Type { get; set; }
    /// <summary>SELinux level.</summary>
    [Proto(4)] public string? Level { get; set; }
}

/// <summary>Windows-specific security options.</summary>
public sealed class WindowsSecurityContextOptions
{
    /// <summary>Name of the GMSA credential spec to use.</summary>
    [Proto(1)] public string? GmsaCredentialSpecName { get; set; }
    /// <summary>Contents of the GMSA credential spec.</summary>
    [Proto(2)] public string? GmsaCredentialSpec { get; set; }
    /// <summary>Windows user name to run as.</summary>
    [Proto(3)] public string? RunAsUserName { get; set; }
    /// <summary>Run as a Windows host process container.</summary>
    [Proto(4)] public bool? HostProcess { get; set; }
}
