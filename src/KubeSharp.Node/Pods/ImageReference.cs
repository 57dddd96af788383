namespace KubeSharp.Node.Pods;

/// <summary>Docker-style image reference normalisation, as containerd applies it: "busybox" is "docker.io/library/busybox:latest".</summary>
internal static class ImageReference
{
    public static string Normalize(string image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return image;
        }

        var firstSlash = image.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? "" : image[..firstSlash];
        var hasDomain = firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        var name = hasDomain ? image : "docker.io/" + (firstSlash < 0 ? "library/" + image : image);
        var lastSlash = name.LastIndexOf('/');
        var hasTag = name.IndexOf(':', lastSlash + 1) >= 0 || name.Contains('@', StringComparison.Ordinal);
        return hasTag ? name : name + ":latest";
    }
}
