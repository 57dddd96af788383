using Google.Protobuf;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri.V1;

namespace KubeSharp.Node.Cri;

/// <summary>The CRI v1 ImageService over a <see cref="GrpcClient"/>.</summary>
internal sealed class CriImageClient(GrpcClient grpc)
{
    private const string Service = "/runtime.v1.ImageService/";

    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pulls can take long on slow registries; they get their own deadline.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<Image>> ListImagesAsync(string? image = null, CancellationToken cancellationToken = default)
    {
        var request = new ListImagesRequest();
        if (image is not null)
        {
            request.Filter = new ImageFilter { Image = new ImageSpec { Image = image } };
        }

        var response = await CallAsync("ListImages", request, ListImagesResponse.Parser, DefaultTimeout, cancellationToken).ConfigureAwait(false);
        return response.Images;
    }

    /// <summary>The image, or null when the runtime does not have it.</summary>
    public async Task<Image?> ImageStatusAsync(string image, CancellationToken cancellationToken = default)
    {
        var request = new ImageStatusRequest { Image = new ImageSpec { Image = image } };
        var response = await CallAsync("ImageStatus", request, ImageStatusResponse.Parser, DefaultTimeout, cancellationToken).ConfigureAwait(false);
        return response.Image;
    }

    /// <summary>Pulls an image and returns its reference (the image id).</summary>
    public async Task<string> PullImageAsync(string image, AuthConfig? auth = null, PodSandboxConfig? sandboxConfig = null, CancellationToken cancellationToken = default)
    {
        var request = new PullImageRequest { Image = new ImageSpec { Image = image }, Auth = auth, SandboxConfig = sandboxConfig };
        var response = await CallAsync("PullImage", request, PullImageResponse.Parser, PullTimeout, cancellationToken).ConfigureAwait(false);
        return response.ImageRef;
    }

    public Task RemoveImageAsync(string image, CancellationToken cancellationToken = default) =>
        CallAsync("RemoveImage", new RemoveImageRequest { Image = new ImageSpec { Image = image } }, RemoveImageResponse.Parser, DefaultTimeout, cancellationToken);

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken = default) =>
        CallAsync("ImageFsInfo", new ImageFsInfoRequest(), ImageFsInfoResponse.Parser, DefaultTimeout, cancellationToken);

    private Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser, TimeSpan timeout, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        grpc.UnaryAsync(Service + method, request, parser, new GrpcCallOptions(timeout), cancellationToken);
}
