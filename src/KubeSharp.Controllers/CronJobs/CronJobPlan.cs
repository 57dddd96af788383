using System.Globalization;
using KubeSharp.Api.Batch.V1;

namespace KubeSharp.Controllers.CronJobs;

/// <summary>Pure scheduling decisions of the CronJob controller.</summary>
internal static class CronJobPlan
{
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>
    /// The latest scheduled time in (<paramref name="since"/>, <paramref name="now"/>], how many
    /// were missed in that window, and the next one after now.
    /// </summary>
    public static (DateTimeOffset? Due, int Missed, DateTimeOffset? Next) Schedule(CronSchedule schedule, DateTimeOffset since, DateTimeOffset now)
    {
        DateTimeOffset? due = null;
        var missed = 0;
        var t = schedule.Next(since);
        while (t is { } at && at <= now)
        {
            due = at;
            missed++;
            if (missed > 100)
            {
                // Far behind (controller down, clock jump): only the latest time matters.
                var latest = LatestBefore(schedule, now);
                return (latest, missed, schedule.Next(now));
            }

            t = schedule.Next(at);
        }

        return (due, missed, t);
    }

    private static DateTimeOffset? LatestBefore(CronSchedule schedule, DateTimeOffset now)
    {
        for (var window = TimeSpan.FromHours(1); window < TimeSpan.FromDays(3660); window *= 4)
        {
            DateTimeOffset? last = null;
            for (var t = schedule.Next(now - window); t is { } at && at <= now; t = schedule.Next(at))
            {
                last = at;
            }

            if (last is not null)
            {
                return last;
            }
        }

        return null;
    }

    /// <summary>The Job of one scheduled time: &lt;cronjob&gt;-&lt;minutes since the epoch&gt;, stable so a retry cannot run it twice.</summary>
    public static string JobName(string cronJobName, DateTimeOffset scheduled) =>
        $"{cronJobName}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    public static bool IsFinished(Job job, out bool succeeded)
    {
        var finished = job.Status?.Conditions?.FirstOrDefault(c => c.Type is "Complete" or "Failed" && c.Status == "True");
        succeeded = finished?.Type == "Complete";
        return finished is not null;
    }
}
