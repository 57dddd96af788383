using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

internal sealed class JobStrategy : TypedStrategy<Job>
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string LegacyJobNameLabel = "job-name";

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["status.successful"];

    protected override string? Field(Job obj, string field) =>
        field == "status.successful" ? (obj.Status?.Succeeded ?? 0).ToString(CultureInfo.InvariantCulture) : null;

    protected override void Default(Job obj)
    {
        BatchV1Defaults.Apply(obj);
        if (obj.Spec?.Template is { } template)
        {
            CoreV1Defaults.Apply(template);
        }
    }

    /// <summary>Status starts empty; without a manual selector the Job labels its pods with its uid and name and selects them by uid.</summary>
    protected override void PrepareForCreate(Job obj)
    {
        obj.Status = null;
        var spec = obj.Spec ??= new JobSpec();
        if (spec.ManualSelector == true)
        {
            return;
        }

        var uid = obj.Meta.Uid ?? "";
        var name = obj.Meta.Name ?? "";
        var template = spec.Template ??= new PodTemplateSpec();
        var labels = (template.Metadata ??= new ObjectMeta()).Labels ??= [];
        labels.TryAdd(LegacyControllerUidLabel, uid);
        labels.TryAdd(LegacyJobNameLabel, name);
        labels.TryAdd(ControllerUidLabel, uid);
        labels.TryAdd(JobNameLabel, name);
        var selector = spec.Selector ??= new LabelSelector();
        (selector.MatchLabels ??= []).TryAdd(ControllerUidLabel, uid);
    }

    protected override IEnumerable<FieldError> Validate(Job obj)
    {
        var spec = obj.Spec ?? new JobSpec();
        var errors = new List<FieldError>();
        errors.AddRange(FieldRules.NonNegative("spec.parallelism", spec.Parallelism));
        errors.AddRange(FieldRules.NonNegative("spec.completions", spec.Completions));
        errors.AddRange(FieldRules.NonNegative("spec.backoffLimit", spec.BackoffLimit));
        errors.AddRange(FieldRules.NonNegative("spec.ttlSecondsAfterFinished", spec.TtlSecondsAfterFinished));
        if (spec.ActiveDeadlineSeconds is { } deadline && deadline <= 0)
        {
            errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", deadline, "must be greater than 0"));
        }

        LabelQuery? query = null;
        if (spec.Selector is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else
        {
            try
            {
                query = LabelQuery.FromObject(spec.Selector);
            }
            catch (SelectorException)
            {
                errors.Add(FieldRules.InvalidRaw("spec.selector", FieldRules.GoSelector(spec.Selector), "invalid label selector"));
            }
        }

        if (spec.CompletionMode is { } mode and not ("NonIndexed" or "Indexed"))
        {
            errors.Add(FieldError.NotSupported("spec.completionMode", mode, ["NonIndexed", "Indexed"]));
        }

        if (spec.CompletionMode == "Indexed" && spec.Completions is null)
        {
            errors.Add(FieldError.Required("spec.completions", "when completion mode is Indexed"));
        }

        errors.AddRange(PodSpecValidation.Template(spec.Template, "spec.template", query));
        if (spec.Template?.Spec is { } podSpec && podSpec.RestartPolicy is not ("OnFailure" or "Never"))
        {
            errors.Add(FieldError.NotSupported("spec.template.spec.restartPolicy", podSpec.RestartPolicy ?? "", ["OnFailure", "Never"]));
        }

        return errors;
    }

    /// <summary>The selector, the completion mode and (unless the Job is suspended) the pod template are fixed after create.</summary>
    protected override IEnumerable<FieldError> ValidateUpdate(Job obj, Job old)
    {
        var spec = obj.Spec ?? new JobSpec();
        var oldSpec = old.Spec ?? new JobSpec();
        if (!FieldRules.SameJson(spec.Selector, oldSpec.Selector))
        {
            yield return FieldRules.InvalidRaw("spec.selector", FieldRules.GoSelector(spec.Selector), FieldRules.Immutable);
        }

        if (spec.CompletionMode != oldSpec.CompletionMode)
        {
            yield return FieldError.Invalid("spec.completionMode", spec.CompletionMode, FieldRules.Immutable);
        }

        if (spec.Completions != oldSpec.Completions && spec.CompletionMode != "Indexed")
        {
            yield return FieldError.Invalid("spec.completions", spec.Completions, FieldRules.Immutable);
        }

        if (oldSpec.Suspend != true && !FieldRules.SameJson(spec.Template, oldSpec.Template))
        {
            yield return FieldRules.InvalidRaw("spec.template", "core.PodTemplateSpec{...}", FieldRules.Immutable);
        }
    }
}

internal sealed class CronJobStrategy : TypedStrategy<CronJob>
{
    protected override void Default(CronJob obj)
    {
        BatchV1Defaults.Apply(obj);
        if (obj.Spec?.JobTemplate?.Spec?.Template is { } template)
        {
            CoreV1Defaults.Apply(template);
        }
    }

    protected override void PrepareForCreate(CronJob obj) => obj.Status = null;

    protected override IEnumerable<FieldError> Validate(CronJob obj)
    {
        var spec = obj.Spec ?? new CronJobSpec();
        if (string.IsNullOrWhiteSpace(spec.Schedule))
        {
            yield return FieldError.Required("spec.schedule");
        }

        if (spec.ConcurrencyPolicy is { } policy and not ("Allow" or "Forbid" or "Replace"))
        {
            yield return FieldError.NotSupported("spec.concurrencyPolicy", policy, ["Allow", "Forbid", "Replace"]);
        }

        foreach (var e in FieldRules.NonNegative("spec.startingDeadlineSeconds", spec.StartingDeadlineSeconds))
        {
            yield return e;
        }

        var jobSpec = spec.JobTemplate?.Spec;
        foreach (var e in PodSpecValidation.Template(jobSpec?.Template, "spec.jobTemplate.spec.template", null))
        {
            yield return e;
        }

        if (jobSpec?.Template?.Spec is { } podSpec && podSpec.RestartPolicy is not ("OnFailure" or "Never"))
        {
            yield return FieldError.NotSupported("spec.jobTemplate.spec.template.spec.restartPolicy", podSpec.RestartPolicy ?? "", ["OnFailure", "Never"]);
        }
    }
}
