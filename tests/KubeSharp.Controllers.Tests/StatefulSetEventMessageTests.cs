using KubeSharp.Controllers.StatefulSets;

namespace KubeSharp.Controllers.Tests;

public class StatefulSetEventMessageTests
{
    [Fact]
    public void A_pod_event_names_the_verb_the_pod_and_the_set() =>
        Assert.Equal("create Pod web-0 in StatefulSet web successful", StatefulSetController.PodEventMessage("create", "web-0", "web"));

    [Fact]
    public void A_claim_event_names_the_claim_and_the_pod_it_was_made_for() =>
        Assert.Equal("create Claim www-web-0 Pod web-0 in StatefulSet web success", StatefulSetController.ClaimEventMessage("create", "www-web-0", "web-0", "web"));
}
