using KubeSharp.Api.Autoscaling.V2;
using KubeSharp.Controllers.Autoscaling;

namespace KubeSharp.Controllers.Tests;

public class ScalingNormalizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static ScalingHistory History(params (int Replicas, int SecondsAgo)[] recommendations)
    {
        var history = new ScalingHistory();
        history.Recommendations.AddRange(recommendations.Select(r => new TimestampedRecommendation(r.Replicas, Now.AddSeconds(-r.SecondsAgo))));
        return history;
    }

    /// <summary>A behavior with the API server's defaults filled in, as a stored object has it.</summary>
    private static HorizontalPodAutoscalerBehavior DefaultBehavior() => new()
    {
        ScaleUp = AutoscalingV2Defaults.DefaultScaleUpRules(),
        ScaleDown = AutoscalingV2Defaults.DefaultScaleDownRules(),
    };

    private static HPAScalingPolicy Policy(string type, int value, int periodSeconds) => new() { Type = type, Value = value, PeriodSeconds = periodSeconds };

    [Fact]
    public void Without_behavior_a_wish_within_range_is_taken_as_is()
    {
        var result = ScalingNormalization.WithoutBehavior(History(), 2, 3, 1, 10, FiveMinutes, Now);

        Assert.Equal(3, result.Replicas);
        Assert.Equal(new ConditionUpdate("ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range"), result.ScalingLimited);
        Assert.Equal(new ConditionUpdate("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size"), result.AbleToScale);
    }

    [Fact]
    public void Without_behavior_scaling_up_is_limited_to_twice_the_current_count_or_four()
    {
        Assert.Equal(4, ScalingNormalization.WithoutBehavior(History(), 1, 10, 1, 20, FiveMinutes, Now).Replicas);
        var result = ScalingNormalization.WithoutBehavior(History(), 3, 10, 1, 20, FiveMinutes, Now);

        Assert.Equal(6, result.Replicas);
        Assert.Equal(("True", "ScaleUpLimit"), (result.ScalingLimited.Status, result.ScalingLimited.Reason));
    }

    [Fact]
    public void The_wish_is_clamped_to_max_replicas_with_too_many_replicas()
    {
        var result = ScalingNormalization.WithoutBehavior(History(), 1, 20, 1, 3, FiveMinutes, Now);

        Assert.Equal(3, result.Replicas);
        Assert.Equal(new ConditionUpdate("ScalingLimited", "True", "TooManyReplicas", "the desired replica count is more than the maximum replica count"), result.ScalingLimited);
        Assert.Equal(3, ScalingNormalization.WithBehavior(new ScalingHistory(), DefaultBehavior(), 1, 20, 1, 3, FiveMinutes, Now).Replicas);
    }

    [Fact]
    public void The_wish_is_clamped_to_min_replicas_with_too_few_replicas()
    {
        var result = ScalingNormalization.WithoutBehavior(History(), 2, 1, 2, 5, TimeSpan.Zero, Now);

        Assert.Equal(2, result.Replicas);
        Assert.Equal(new ConditionUpdate("ScalingLimited", "True", "TooFewReplicas", "the desired replica count is less than the minimum replica count"), result.ScalingLimited);
    }

    [Fact]
    public void Scaling_down_waits_for_the_highest_recommendation_of_the_stabilization_window()
    {
        var result = ScalingNormalization.WithoutBehavior(History((5, 100), (4, 30)), 5, 2, 1, 10, FiveMinutes, Now);

        Assert.Equal(5, result.Replicas);
        Assert.Equal("ScaleDownStabilized", result.AbleToScale.Reason);
        Assert.Equal(4, ScalingNormalization.WithoutBehavior(History((5, 400), (4, 30)), 5, 2, 1, 10, FiveMinutes, Now).Replicas);
        Assert.Equal(2, ScalingNormalization.WithoutBehavior(History((5, 400), (4, 301)), 5, 2, 1, 10, FiveMinutes, Now).Replicas);
    }

    [Fact]
    public void Each_recommendation_is_remembered_replacing_one_older_than_the_window()
    {
        var history = History((5, 400), (4, 30));

        ScalingNormalization.WithoutBehavior(history, 5, 2, 1, 10, FiveMinutes, Now);
        ScalingNormalization.WithoutBehavior(history, 5, 3, 1, 10, FiveMinutes, Now);

        Assert.Equal([2, 4, 3], history.Recommendations.Select(r => r.Replicas));
    }

    [Fact]
    public void Default_behavior_scales_up_by_four_pods_or_doubles_whichever_is_more()
    {
        Assert.Equal(6, ScalingNormalization.WithBehavior(new ScalingHistory(), DefaultBehavior(), 2, 50, 1, 100, FiveMinutes, Now).Replicas);
        var result = ScalingNormalization.WithBehavior(new ScalingHistory(), DefaultBehavior(), 10, 50, 1, 100, FiveMinutes, Now);

        Assert.Equal(20, result.Replicas);
        Assert.Equal(new ConditionUpdate("ScalingLimited", "True", "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"), result.ScalingLimited);
    }

    [Fact]
    public void Scale_up_policies_count_the_changes_already_made_in_their_period()
    {
        var history = new ScalingHistory();
        history.ScaleUps.Add(new ScaleEvent(4, Now.AddSeconds(-5)));

        // 2 → 6 five seconds ago: the period started at 2, so 6 is all the policies allow until it ends.
        Assert.Equal(6, ScalingNormalization.WithBehavior(history, DefaultBehavior(), 6, 50, 1, 100, FiveMinutes, Now).Replicas);
        Assert.Equal(12, ScalingNormalization.WithBehavior(history, DefaultBehavior(), 6, 50, 1, 100, FiveMinutes, Now.AddSeconds(15)).Replicas);
    }

    [Fact]
    public void Select_policy_max_takes_the_largest_change_min_the_smallest_and_disabled_none()
    {
        var rules = new HPAScalingRules { SelectPolicy = "Max", StabilizationWindowSeconds = 0, Policies = [Policy("Pods", 4, 15), Policy("Percent", 100, 15)] };

        Assert.Equal(20, ScalingNormalization.ScaleUpLimit(10, [], [], rules, Now));
        rules.SelectPolicy = "Min";
        Assert.Equal(14, ScalingNormalization.ScaleUpLimit(10, [], [], rules, Now));
        rules.SelectPolicy = "Disabled";
        var behavior = new HorizontalPodAutoscalerBehavior { ScaleUp = rules, ScaleDown = AutoscalingV2Defaults.DefaultScaleDownRules() };
        var result = ScalingNormalization.WithBehavior(new ScalingHistory(), behavior, 10, 30, 1, 100, FiveMinutes, Now);

        Assert.Equal(10, result.Replicas);
        Assert.Equal("ScaleUpLimit", result.ScalingLimited.Reason);
    }

    [Fact]
    public void Scale_down_policies_limit_how_many_pods_go_per_period()
    {
        var behavior = new HorizontalPodAutoscalerBehavior
        {
            ScaleDown = new HPAScalingRules { StabilizationWindowSeconds = 0, Policies = [Policy("Pods", 1, 60)] },
        };

        var result = ScalingNormalization.WithBehavior(new ScalingHistory(), behavior, 5, 1, 1, 10, FiveMinutes, Now);

        Assert.Equal(4, result.Replicas);
        Assert.Equal(new ConditionUpdate("ScalingLimited", "True", "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"), result.ScalingLimited);
        var history = new ScalingHistory();
        history.ScaleDowns.Add(new ScaleEvent(1, Now.AddSeconds(-30)));
        Assert.Equal(4, ScalingNormalization.WithBehavior(history, behavior, 4, 1, 1, 10, FiveMinutes, Now).Replicas);
    }

    [Fact]
    public void Percent_scale_down_rounds_the_remaining_pods_down()
    {
        var rules = new HPAScalingRules { Policies = [Policy("Percent", 50, 60)] };

        Assert.Equal(2, ScalingNormalization.ScaleDownLimit(5, [], [], rules, Now));
        Assert.Equal(4, ScalingNormalization.ScaleDownLimit(5, [], [], new HPAScalingRules { SelectPolicy = "Min", Policies = [Policy("Percent", 50, 60), Policy("Pods", 1, 60)] }, Now));
    }

    [Fact]
    public void An_unset_scale_down_window_takes_the_controller_default_and_a_zero_window_acts_at_once()
    {
        var history = History((5, 60));
        var unset = new HorizontalPodAutoscalerBehavior { ScaleDown = new HPAScalingRules { Policies = [Policy("Percent", 100, 15)] } };
        var immediate = new HorizontalPodAutoscalerBehavior { ScaleDown = new HPAScalingRules { StabilizationWindowSeconds = 0, Policies = [Policy("Percent", 100, 15)] } };

        Assert.Equal(5, ScalingNormalization.WithBehavior(History((5, 60)), unset, 5, 1, 1, 10, FiveMinutes, Now).Replicas);
        Assert.Equal(1, ScalingNormalization.WithBehavior(history, immediate, 5, 1, 1, 10, FiveMinutes, Now).Replicas);
    }

    [Fact]
    public void A_scale_up_window_holds_the_count_to_the_lowest_recent_recommendation()
    {
        var behavior = DefaultBehavior();
        behavior.ScaleUp!.StabilizationWindowSeconds = 60;

        var result = ScalingNormalization.WithBehavior(History((3, 10), (6, 5)), behavior, 3, 8, 1, 10, FiveMinutes, Now);

        Assert.Equal(3, result.Replicas);
        Assert.Equal("ScaleUpStabilized", result.AbleToScale.Reason);
        Assert.Equal(6, ScalingNormalization.WithBehavior(History((3, 70), (6, 5)), behavior, 3, 8, 1, 10, FiveMinutes, Now).Replicas);
    }

    [Fact]
    public void Scale_events_are_kept_only_with_behavior_and_only_for_the_longest_period()
    {
        var history = new ScalingHistory();
        history.ScaleUps.Add(new ScaleEvent(2, Now.AddSeconds(-20)));

        ScalingNormalization.RecordScaleEvent(history, null, 1, 3, Now);
        Assert.Single(history.ScaleUps);
        ScalingNormalization.RecordScaleEvent(history, DefaultBehavior(), 3, 7, Now);

        Assert.Equal([new ScaleEvent(4, Now)], history.ScaleUps);
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_while_its_status_stays()
    {
        var conditions = new List<HorizontalPodAutoscalerCondition>();

        AutoscalerConditions.Set(conditions, new ConditionUpdate("AbleToScale", "True", "ReadyForNewScale", "a"), Now);
        AutoscalerConditions.Set(conditions, new ConditionUpdate("AbleToScale", "True", "SucceededRescale", "b"), Now.AddMinutes(1));
        var kept = Assert.Single(conditions);
        Assert.Equal((Now, "SucceededRescale", "b"), (kept.LastTransitionTime!.Value, kept.Reason!, kept.Message!));

        AutoscalerConditions.Set(conditions, new ConditionUpdate("AbleToScale", "False", "FailedGetScale", "c"), Now.AddMinutes(2));
        Assert.Equal(Now.AddMinutes(2), Assert.Single(conditions).LastTransitionTime);
    }

    [Theory]
    [InlineData("15s", 15)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5h", 5400)]
    [InlineData("0", 0)]
    public void Go_durations_parse_as_kubernetes_flags_write_them(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), GoDuration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("5 minutes")]
    public void Text_that_is_not_a_go_duration_is_rejected(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }
}
