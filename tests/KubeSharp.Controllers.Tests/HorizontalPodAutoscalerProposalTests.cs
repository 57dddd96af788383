using KubeSharp.Controllers.Autoscaling;

namespace KubeSharp.Controllers.Tests;

public class HorizontalPodAutoscalerProposalTests
{
    [Fact]
    public void An_idle_metrics_proposal_of_zero_replicas_still_names_the_metric() =>
        Assert.True(HorizontalPodAutoscalerController.TakesProposal(bestSoFar: 0, proposal: 0));

    [Fact]
    public void A_larger_proposal_replaces_the_best_so_far() =>
        Assert.True(HorizontalPodAutoscalerController.TakesProposal(bestSoFar: 2, proposal: 3));

    [Fact]
    public void A_smaller_or_equal_proposal_keeps_the_best_so_far()
    {
        Assert.False(HorizontalPodAutoscalerController.TakesProposal(bestSoFar: 3, proposal: 2));
        Assert.False(HorizontalPodAutoscalerController.TakesProposal(bestSoFar: 3, proposal: 3));
    }
}
