using KubeSharp.Controllers.CronJobs;

namespace KubeSharp.Controllers.Tests;

public class CronJobPlanTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero); // a Wednesday

    [Theory]
    [InlineData("*/15 * * * *", "2026-03-04T12:15:00Z")]
    [InlineData("0 * * * *", "2026-03-04T13:00:00Z")]
    [InlineData("30 9 * * mon-fri", "2026-03-05T09:30:00Z")]
    [InlineData("0 0 1 * *", "2026-04-01T00:00:00Z")]
    [InlineData("@daily", "2026-03-05T00:00:00Z")]
    [InlineData("0 0 13 * fri", "2026-03-06T00:00:00Z")]
    [InlineData("5,10 12 * * *", "2026-03-04T12:05:00Z")]
    public void Next_run_follows_standard_cron(string schedule, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CronSchedule.Parse(schedule, "UTC").Next(Noon));
    }

    [Fact]
    public void Schedules_honour_their_time_zone()
    {
        var next = CronSchedule.Parse("0 9 * * *", "America/New_York").Next(Noon);

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Due_is_the_latest_missed_time_and_next_is_after_now()
    {
        var schedule = CronSchedule.Parse("*/10 * * * *", "UTC");

        var (due, missed, next) = CronJobPlan.Schedule(schedule, Noon, Noon.AddMinutes(35));

        Assert.Equal(Noon.AddMinutes(30), due);
        Assert.Equal(3, missed);
        Assert.Equal(Noon.AddMinutes(40), next);
    }

    [Fact]
    public void Nothing_is_due_before_the_first_time()
    {
        var (due, _, next) = CronJobPlan.Schedule(CronSchedule.Parse("0 * * * *", "UTC"), Noon, Noon.AddMinutes(59));

        Assert.Null(due);
        Assert.Equal(Noon.AddHours(1), next);
    }

    [Fact]
    public void Job_names_are_stable_per_scheduled_minute()
    {
        Assert.Equal("backup-29538720", CronJobPlan.JobName("backup", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Malformed_schedules_are_rejected()
    {
        Assert.Throws<FormatException>(() => CronSchedule.Parse("* * *", "UTC"));
        Assert.Throws<FormatException>(() => CronSchedule.Parse("61 * * * *", "UTC"));
    }
}
