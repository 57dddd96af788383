using KubeSharp.Api;

namespace KubeSharp.Client.Tests;

/// <summary>An API error reads as client-go's StatusError does, so controllers can quote it in events and conditions.</summary>
public sealed class KubernetesApiExceptionTests
{
    [Fact]
    public void The_message_is_the_status_message_alone()
    {
        var error = new KubernetesApiException(new Status { Code = 403, Reason = "Forbidden", Message = "pods \"web-x\" is forbidden: exceeded quota: q1" });

        Assert.Equal("pods \"web-x\" is forbidden: exceeded quota: q1", error.Message);
    }

    [Fact]
    public void Without_a_message_the_reason_and_code_are_the_message() =>
        Assert.Equal("ServiceUnavailable (503)", new KubernetesApiException(new Status { Code = 503, Reason = "ServiceUnavailable" }).Message);
}
