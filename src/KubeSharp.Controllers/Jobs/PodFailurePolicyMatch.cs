using System.Globalization;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Jobs;

/// <summary>
/// What a Job's podFailurePolicy says about one failed pod: the action of the first rule that
/// matches (Count when none does) and, for FailJob, the message the Job's conditions carry.
/// </summary>
internal sealed record PodFailurePolicyMatch(string Action, string? FailJobMessage)
{
    public const string FailJob = "FailJob";
    public const string FailIndex = "FailIndex";
    public const string Ignore = "Ignore";
    public const string Count = "Count";

    private static readonly PodFailurePolicyMatch Unmatched = new(Count, null);

    /// <summary>
    /// Rules are tried in order. onExitCodes looks at terminated containers (then init containers)
    /// with a non-zero exit code, optionally only the one named containerName, and matches In or
    /// NotIn the values; onPodConditions matches any pod condition of the given type and status.
    /// </summary>
    public static PodFailurePolicyMatch Of(PodFailurePolicy? policy, Pod pod)
    {
        var rules = policy?.Rules ?? [];
        var where = $"{pod.Metadata?.Namespace}/{pod.Metadata?.Name}";
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            var action = rule.Action ?? Count;
            string message;
            if (rule.OnExitCodes is { } exitCodes)
            {
                if (MatchingContainer(pod.Status, exitCodes) is not { } container)
                {
                    continue;
                }

                var code = (container.State!.Terminated!.ExitCode ?? 0).ToString(CultureInfo.InvariantCulture);
                message = $"Container {container.Name} for pod {where} failed with exit code {code} matching {action} rule at index {index.ToString(CultureInfo.InvariantCulture)}";
            }
            else if (rule.OnPodConditions is { } patterns)
            {
                if (pod.Status?.Conditions?.FirstOrDefault(c => patterns.Any(p => p.Type == c.Type && (p.Status ?? "True") == c.Status)) is not { } condition)
                {
                    continue;
                }

                message = $"Pod {where} has condition {condition.Type} matching {action} rule at index {index.ToString(CultureInfo.InvariantCulture)}";
            }
            else
            {
                continue;
            }

            return new PodFailurePolicyMatch(action, action == FailJob ? message : null);
        }

        return Unmatched;
    }

    private static ContainerStatus? MatchingContainer(PodStatus? status, PodFailurePolicyOnExitCodesRequirement requirement) =>
        (status?.ContainerStatuses ?? []).FirstOrDefault(c => Matches(c, requirement))
        ?? (status?.InitContainerStatuses ?? []).FirstOrDefault(c => Matches(c, requirement));

    private static bool Matches(ContainerStatus container, PodFailurePolicyOnExitCodesRequirement requirement)
    {
        if (container.State?.Terminated is not { ExitCode: int exitCode and not 0 })
        {
            return false;
        }

        if (requirement.ContainerName is { } name && name != container.Name)
        {
            return false;
        }

        var listed = requirement.Values?.Contains(exitCode) == true;
        return requirement.Operator switch
        {
            "In" => listed,
            "NotIn" => !listed,
            _ => false,
        };
    }
}
