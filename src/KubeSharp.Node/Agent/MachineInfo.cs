using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KubeSharp.Node.Agent;

/// <summary>Facts about this machine a node reports: resources, operating system and addresses.</summary>
internal sealed record MachineInfo(
    int Cpus,
    long MemoryBytes,
    long EphemeralStorageBytes,
    string KernelVersion,
    string OsImage,
    string Architecture,
    string MachineId,
    string BootId,
    string SystemUuid,
    string HostName,
    string InternalIP)
{
    public static MachineInfo Read(string dataDirectory, string? nodeIP)
    {
        Directory.CreateDirectory(dataDirectory);
        return new MachineInfo(
            Environment.ProcessorCount,
            ReadMemTotalBytes(),
            new DriveInfo(dataDirectory).TotalSize,
            ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
            ReadOsImage(),
            GoArchitecture(RuntimeInformation.OSArchitecture),
            ReadTrimmed("/etc/machine-id") ?? "",
            ReadTrimmed("/proc/sys/kernel/random/boot_id") ?? "",
            ReadTrimmed("/sys/class/dmi/id/product_uuid") ?? "",
            Dns.GetHostName(),
            nodeIP ?? FirstIPv4Address());
    }

    private static long ReadMemTotalBytes()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            // "MemTotal:       24576000 kB"
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static string ReadOsImage()
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/os-release"))
            {
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                {
                    return line["PRETTY_NAME=".Length..].Trim('"');
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.OSDescription;
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Kubernetes reports Go's GOARCH names.
    private static string GoArchitecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string FirstIPv4Address()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            // Bridges and veths of pod networks are not the node's address.
            .Where(n => !n.Name.StartsWith("veth", StringComparison.Ordinal) && !n.Name.StartsWith("cni", StringComparison.Ordinal)
                && !n.Name.StartsWith("kubesharp", StringComparison.Ordinal) && !n.Name.StartsWith("ksbr", StringComparison.Ordinal))
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return (address ?? IPAddress.Loopback).ToString();
    }
}
