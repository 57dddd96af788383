namespace KubeSharp.Client.Tests.Infrastructure;

internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; fails the test (with <paramref name="what"/>) if it never does.
    /// The limit is a hang guard, not a performance assertion.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"never happened: {what}");
            }

            await Task.Delay(10);
        }
    }
}
