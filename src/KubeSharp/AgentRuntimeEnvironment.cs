using System.Runtime.InteropServices;
using System.Text;

namespace KubeSharp;

/// <summary>
/// Runtime settings for `kubesharp agent` that the runtime reads only from environment variables before any managed
/// code runs (the GC's gen0 budget has no runtimeconfig knob) and that suit a small, mostly idle process but not the
/// API server sharing the binary. The agent applies them by replacing its process image with itself (execve: same
/// pid, arguments and open descriptors) once, with the variables added; variables the caller set are left as they are.
/// </summary>
internal static partial class AgentRuntimeEnvironment
{
    /// <summary>Names the variables the first start added; the second start removes them so no child inherits them.</summary>
    internal const string AddedMarker = "KUBESHARP_AGENT_RUNTIME_ADDED";

    /// <summary>
    /// The settings (docs/benchmarks.md, agent memory): a 4 MiB gen0 budget instead of one sized from the L3 cache
    /// (tens of MiB on servers), blocking GCs instead of a background GC thread and its extra allocations, and two
    /// malloc arenas instead of one per thread that used malloc. (Dynamic PGO is off for the whole binary: KubeSharp.csproj.)
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Settings =
    [
        new("DOTNET_GCgen0size", "0x400000"),
        new("DOTNET_gcConcurrent", "0"),
        new("MALLOC_ARENA_MAX", "2"),
    ];

    /// <summary>
    /// For the `agent` command on Linux: re-executes this process with <see cref="Settings"/> added (does not return
    /// when that works), or, in the re-executed process, removes them from the environment children get. Any failure
    /// leaves the process running with the runtime's defaults.
    /// </summary>
    public static void ApplyForAgent(string[] args)
    {
        if (args.Length == 0 || args[0] != "agent" || !OperatingSystem.IsLinux())
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(AddedMarker) is { } added)
        {
            foreach (var name in added.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            Environment.SetEnvironmentVariable(AddedMarker, null);
            return;
        }

        var missing = Settings.Where(s => Environment.GetEnvironmentVariable(s.Key) is null).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        string[] arguments;
        try
        {
            // The command line as started (for `dotnet kubesharp.dll agent …` that includes the host's arguments).
            // Each argument ends with a NUL; only the last one is cut, so empty arguments stay.
            var commandLine = Encoding.UTF8.GetString(File.ReadAllBytes("/proc/self/cmdline"));
            if (commandLine.Length == 0)
            {
                return;
            }

            arguments = commandLine[..^1].Split('\0');
        }
        catch (IOException)
        {
            return;
        }

        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}")
            .Concat(missing.Select(s => $"{s.Key}={s.Value}"))
            .Append($"{AddedMarker}={string.Join(',', missing.Select(s => s.Key))}")
            .ToArray();
        Execute("/proc/self/exe", arguments, environment);
    }

    private static void Execute(string path, string[] arguments, string[] environment)
    {
        var argv = ToNative(arguments);
        var envp = ToNative(environment);
        try
        {
            _ = ExecVE(path, argv, envp); // returns only on failure
        }
        finally
        {
            Free(argv);
            Free(envp);
        }
    }

    // A NULL-terminated array of UTF-8 strings, as execve takes them.
    private static nint[] ToNative(string[] values)
    {
        var native = new nint[values.Length + 1];
        for (var index = 0; index < values.Length; index++)
        {
            native[index] = Marshal.StringToCoTaskMemUTF8(values[index]);
        }

        return native;
    }

    private static void Free(nint[] native)
    {
        foreach (var pointer in native)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ExecVE(string path, nint[] argv, nint[] envp);
}
