using KubeSharp.Controllers.NodeIpam;

namespace KubeSharp.Controllers.Tests;

public sealed class PodCidrAllocatorTests
{
    [Fact]
    public void Ranges_are_handed_out_in_order_from_the_start_of_the_cluster_cidr()
    {
        var allocator = new PodCidrAllocator("10.42.0.0/16", 24);

        Assert.Equal(256, allocator.Capacity);
        Assert.Equal("10.42.0.0/24", allocator.Allocate());
        Assert.Equal("10.42.1.0/24", allocator.Allocate());
    }

    [Fact]
    public void Ranges_nodes_already_carry_are_skipped_and_foreign_ones_ignored()
    {
        var allocator = new PodCidrAllocator("10.42.0.0/16", 24);

        Assert.True(allocator.Occupy("10.42.0.0/24"));
        Assert.False(allocator.Occupy("10.44.7.0/24"));
        Assert.False(allocator.Occupy("10.42.3.0/25"));
        Assert.Equal("10.42.1.0/24", allocator.Allocate());
        Assert.Equal(2, allocator.Used);
    }

    [Fact]
    public void A_released_range_comes_back_only_after_the_others_went_round()
    {
        var allocator = new PodCidrAllocator("192.168.0.0/29", 30);
        var first = allocator.Allocate();
        var second = allocator.Allocate();
        allocator.Release(first!);

        Assert.Equal("192.168.0.0/30", first);
        Assert.Equal("192.168.0.4/30", second);
        Assert.Equal("192.168.0.0/30", allocator.Allocate());
        Assert.Null(allocator.Allocate());
    }

    [Fact]
    public void Mask_sizes_are_honoured_and_impossible_ones_refused()
    {
        Assert.Equal("10.0.0.0/20", new PodCidrAllocator("10.0.0.0/8", 20).Allocate());
        Assert.Equal(4096, new PodCidrAllocator("10.0.0.0/8", 20).Capacity);
        Assert.Throws<ArgumentException>(() => new PodCidrAllocator("10.42.0.0/16", 8));
        Assert.Throws<ArgumentException>(() => new PodCidrAllocator("fd00::/64", 80));
        Assert.Throws<ArgumentException>(() => new PodCidrAllocator("not-a-cidr", 24));
    }
}
