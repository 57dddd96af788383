using KubeSharp.ApiServer.Http;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Pods;

namespace KubeSharp;

/// <summary>The in-process node agent as the API server's backend for pods/log, exec and attach on its node.</summary>
internal sealed class NodeAgentStreaming(NodeAgent agent, string nodeName) : IPodStreamingBackend
{
    public bool ServesNode(string node) => node == nodeName;

    public Task WriteLogAsync(string ns, string pod, PodLogQuery query, Stream output, CancellationToken cancellationToken) =>
        Translate(() => agent.WriteContainerLogAsync(ns, pod, query.Container, new ContainerLogOptions
        {
            Follow = query.Follow,
            Previous = query.Previous,
            Timestamps = query.Timestamps,
            TailLines = query.TailLines,
            LimitBytes = query.LimitBytes,
            SinceTime = query.SinceTime,
        }, output, cancellationToken));

    public Task<Uri> ExecUrlAsync(string ns, string pod, string? container, IReadOnlyList<string> command, bool stdin, bool stdout, bool stderr, bool tty, CancellationToken cancellationToken) =>
        Translate(() => agent.GetExecUrlAsync(ns, pod, container, command, stdin, stdout, stderr, tty, cancellationToken));

    public Task<Uri> AttachUrlAsync(string ns, string pod, string? container, bool stdin, bool stdout, bool stderr, bool tty, CancellationToken cancellationToken) =>
        Translate(() => agent.GetAttachUrlAsync(ns, pod, container, stdin, stdout, stderr, tty, cancellationToken));

    private static async Task Translate(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (ContainerRequestException e)
        {
            throw new ApiException(e.StatusCode, e.StatusCode == 404 ? "NotFound" : "BadRequest", e.Message);
        }
    }

    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ContainerRequestException e)
        {
            throw new ApiException(e.StatusCode, e.StatusCode == 404 ? "NotFound" : "BadRequest", e.Message);
        }
    }
}
