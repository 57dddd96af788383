using KubeSharp.Node.Pods;
using Record = KubeSharp.Node.Pods.ImageGarbageCollector.ImageRecord;

namespace KubeSharp.Node.Tests;

/// <summary>Which images the kubelet's image garbage collection removes, and in what order.</summary>
public sealed class ImageGarbageCollectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ImageGarbageCollector Collector = new(null!, null!, TimeProvider.System, "registry.k8s.io/pause:3.10", () => (100, 50));

    [Fact]
    public void Least_recently_used_images_go_first_and_used_or_young_images_stay()
    {
        var records = new[]
        {
            new Record("sha256:recent", [], 10, Now.AddHours(-3), Now.AddMinutes(-5)),
            new Record("sha256:stale", [], 10, Now.AddHours(-2), Now.AddHours(-1)),
            new Record("sha256:running", [], 10, Now.AddHours(-5), Now.AddHours(-5)),
            new Record("sha256:young", [], 10, Now.AddMinutes(-1), Now.AddMinutes(-1)),
        };

        var order = Collector.Candidates(records, new HashSet<string> { "sha256:running" }, Now).Select(r => r.Id);

        Assert.Equal(["sha256:stale", "sha256:recent"], order);
    }

    [Fact]
    public void Equal_last_use_removes_the_image_detected_first()
    {
        var used = Now.AddHours(-1);
        var records = new[] { new Record("b", [], 1, Now.AddHours(-2), used), new Record("a", [], 1, Now.AddHours(-4), used) };
        Assert.Equal(["a", "b"], Collector.Candidates(records, new HashSet<string>(), Now).Select(r => r.Id));
    }

    [Fact]
    public void Thresholds_are_the_kubelet_s_defaults()
    {
        Assert.Equal((85, 80), (Collector.HighThresholdPercent, Collector.LowThresholdPercent));
        Assert.Equal(TimeSpan.FromMinutes(2), Collector.MinimumAge);
    }
}
