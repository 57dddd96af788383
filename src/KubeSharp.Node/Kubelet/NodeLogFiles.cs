using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// The kubelet's /logs/ endpoint: the node's log directory (/var/log) as a file server — a directory answers with an
/// HTML list of links (directories end in "/"), a file with its content. Paths never leave the directory.
/// </summary>
internal static class NodeLogFiles
{
    public const string Directory = "/var/log";

    /// <summary>The full path <paramref name="relative"/> names under <paramref name="root"/>; null when it escapes it.</summary>
    public static string? Resolve(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative.TrimStart('/')));
        var rootFull = Path.GetFullPath(root).TrimEnd('/');
        return full == rootFull || full.StartsWith(rootFull + "/", StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The listing of a directory as Go's file server writes it.</summary>
    public static string Listing(string directory)
    {
        var text = new StringBuilder("<!doctype html>\n<meta name=\"viewport\" content=\"width=device-width\">\n<pre>\n");
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var name = entry is DirectoryInfo ? entry.Name + "/" : entry.Name;
            text.Append("<a href=\"").Append(Uri.EscapeDataString(name).Replace("%2F", "/", StringComparison.Ordinal)).Append("\">")
                .Append(WebUtility.HtmlEncode(name)).Append("</a>\n");
        }

        return text.Append("</pre>\n").ToString();
    }

    public static async Task ServeAsync(HttpContext context, string root, string relative)
    {
        var aborted = context.RequestAborted;
        if (Resolve(root, relative) is not { } path || !(System.IO.Directory.Exists(path) || File.Exists(path)))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("404 page not found\n", aborted).ConfigureAwait(false);
            return;
        }

        if (System.IO.Directory.Exists(path))
        {
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = context.Request.Path.Value + "/";
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Listing(path), aborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.SendFileAsync(path, aborted).ConfigureAwait(false);
    }
}
