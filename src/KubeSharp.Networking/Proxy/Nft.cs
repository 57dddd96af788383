using System.Diagnostics;

namespace KubeSharp.Networking.Proxy;

/// <summary>Runs the nft command line tool with a script on its standard input (one atomic transaction).</summary>
internal sealed class Nft(string path)
{
    /// <exception cref="InvalidOperationException">nft rejected the script (its message included).</exception>
    public async Task ApplyAsync(string script, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path, ["-f", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(script.AsMemory(), cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var message = await errors.ConfigureAwait(false);
        await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nft -f - failed ({process.ExitCode}): {message.Trim()}");
        }
    }
}
