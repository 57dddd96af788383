using KubeSharp.Api.Batch.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class JobPrinter : TypedTablePrinter<Job>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Status", "string", "Status of the job."),
        Column("Completions", "string", "The number of pods which reached phase Succeeded."),
        Column("Duration", "string", "Time required to complete the job."),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
        Wide("Selector", "A label query over pods that should match the pod count."),
    ];

    protected override IReadOnlyList<object?> Row(Job obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new JobSpec();
        var status = obj.Status ?? new JobStatus();
        var succeeded = status.Succeeded ?? 0;
        string completions;
        if (spec.Completions is { } wanted)
        {
            completions = $"{succeeded}/{wanted}";
        }
        else
        {
            var parallelism = spec.Parallelism ?? 0;
            completions = parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
        }

        var duration = status.StartTime switch
        {
            null => "",
            { } start when status.CompletionTime is { } end => HumanDuration(end - start),
            { } start => HumanDuration(now - start),
        };

        var (names, images) = CellFormat.Containers(spec.Template);
        return
        [
            obj.Metadata?.Name,
            JobStatusText(obj),
            completions,
            duration,
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
            CellFormat.Selector(spec.Selector),
        ];
    }

    internal static string JobStatusText(Job job)
    {
        bool Has(string type) => job.Status?.Conditions?.FirstOrDefault(c => c.Type == type)?.Status == "True";

        if (Has("Complete"))
        {
            return "Complete";
        }

        if (Has("Failed"))
        {
            return "Failed";
        }

        if (job.Metadata?.DeletionTimestamp is not null)
        {
            return "Terminating";
        }

        if (Has("Suspended"))
        {
            return "Suspended";
        }

        if (Has("FailureTarget"))
        {
            return "FailureTarget";
        }

        if (Has("SuccessCriteriaMet"))
        {
            return "SuccessCriteriaMet";
        }

        return "Running";
    }
}

internal sealed class CronJobPrinter : TypedTablePrinter<CronJob>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Schedule", "string", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        Column("Timezone", "string", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
        Column("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions."),
        Column("Active", "integer", "A list of pointers to currently running jobs."),
        Column("Last Schedule", "string", "Information when was the last time the job was successfully scheduled."),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
        Wide("Selector", "A label query over pods that should match the pod count."),
    ];

    protected override IReadOnlyList<object?> Row(CronJob obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new CronJobSpec();
        var jobSpec = spec.JobTemplate?.Spec;
        var (names, images) = CellFormat.Containers(jobSpec?.Template);
        return
        [
            obj.Metadata?.Name,
            spec.Schedule ?? "",
            spec.TimeZone ?? CellFormat.None,
            CellFormat.Bool(spec.Suspend),
            (long)(obj.Status?.Active?.Count ?? 0),
            obj.Status?.LastScheduleTime is { } last ? Age(last, now) : CellFormat.None,
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
            CellFormat.Selector(jobSpec?.Selector),
        ];
    }
}
