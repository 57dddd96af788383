using KubeSharp.Node.Hollow;

namespace KubeSharp.Node.Tests;

public sealed class PodAddressPoolTests
{
    [Fact]
    public void A_slash_24_hands_out_253_addresses_starting_after_the_gateway()
    {
        var pool = new PodAddressPool("10.42.7.0/24");
        Assert.Equal(253, pool.Capacity);
        Assert.Equal("10.42.7.2", pool.Allocate("a"));
        Assert.Equal("10.42.7.3", pool.Allocate("b"));
    }

    [Fact]
    public void The_same_pod_asking_again_keeps_its_address()
    {
        var pool = new PodAddressPool("10.42.7.0/24");
        var first = pool.Allocate("a");
        Assert.Equal(first, pool.Allocate("a"));
        Assert.Equal(1, pool.InUse);
    }

    [Fact]
    public void Addresses_are_unique_until_the_pool_is_exhausted_and_never_the_network_gateway_or_broadcast()
    {
        var pool = new PodAddressPool("192.0.2.0/29");
        var given = Enumerable.Range(0, 5).Select(i => pool.Allocate("pod" + i)).ToList();
        Assert.Equal(["192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6"], given);
        Assert.Null(pool.Allocate("one-too-many"));
    }

    [Fact]
    public void A_released_address_is_given_out_again()
    {
        var pool = new PodAddressPool("192.0.2.0/29");
        for (var i = 0; i < 5; i++)
        {
            pool.Allocate("pod" + i);
        }

        pool.Release("pod2");
        Assert.Equal("192.0.2.4", pool.Allocate("new"));
        Assert.Equal(5, pool.InUse);
    }

    [Fact]
    public void Reserving_records_an_address_seen_on_a_running_pod_and_refuses_foreign_or_taken_ones()
    {
        var pool = new PodAddressPool("10.42.7.0/24");
        Assert.True(pool.Reserve("a", "10.42.7.2"));
        Assert.False(pool.Reserve("b", "10.42.7.2"));
        Assert.False(pool.Reserve("c", "10.42.8.2"));
        Assert.False(pool.Reserve("d", "not-an-ip"));
        Assert.Equal("10.42.7.3", pool.Allocate("e"));
    }

    [Fact]
    public void A_cidr_too_small_for_pods_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PodAddressPool("10.0.0.0/31"));
        Assert.Throws<FormatException>(() => new PodAddressPool("10.0.0.0"));
    }

    [Theory]
    [InlineData("100.64.0.0/10", 0, "100.64.0.0/24")]
    [InlineData("100.64.0.0/10", 1, "100.64.1.0/24")]
    [InlineData("100.64.0.0/10", 256, "100.65.0.0/24")]
    [InlineData("100.64.0.0/10", 16384, "100.64.0.0/24")]
    [InlineData("10.42.0.0/16", 257, "10.42.1.0/24")]
    public void Subnets_of_a_range_are_numbered_in_order_and_wrap_around(string range, long index, string expected)
    {
        Assert.Equal(expected, Ipv4Cidr.Subnet(range, index, 24));
    }
}
