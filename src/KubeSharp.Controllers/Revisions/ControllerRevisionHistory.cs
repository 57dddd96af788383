using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Controllers.Deployments;

namespace KubeSharp.Controllers.Revisions;

/// <summary>
/// The ControllerRevisions of a DaemonSet or StatefulSet: one per distinct pod template, named
/// &lt;owner&gt;-&lt;hash&gt;, numbered in order of use; what kubectl rollout history and undo read
/// (data is the strategic-merge patch {"spec":{"template":{…,"$patch":"replace"}}}).
/// </summary>
internal sealed class ControllerRevisionHistory(KubernetesClient client)
{
    public static JsonElement DataFor(PodTemplateSpec? template)
    {
        var node = JsonNode.Parse(KubeJson.Serialize(template ?? new PodTemplateSpec()))!.AsObject();
        node["$patch"] = "replace";
        var data = new JsonObject { ["spec"] = new JsonObject { ["template"] = node } };
        return JsonDocument.Parse(data.ToJsonString()).RootElement.Clone();
    }

    public static PodTemplateSpec? TemplateOf(ControllerRevision revision)
    {
        if (revision.Data is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("template", out var template))
        {
            return null;
        }

        var node = JsonNode.Parse(template.GetRawText())!.AsObject();
        node.Remove("$patch");
        return node.Deserialize<PodTemplateSpec>(KubeJson.Options);
    }

    /// <summary>
    /// The revision for <paramref name="template"/>: an existing one with the same template (renumbered
    /// as the newest if it was an older one: a rollback), else a new one numbered after the newest.
    /// </summary>
    public async Task<ControllerRevision> EnsureCurrentAsync(KubernetesObject owner, string ownerApiVersion, string ownerKind, PodTemplateSpec? template, IReadOnlyDictionary<string, string>? selectorLabels, IReadOnlyList<ControllerRevision> existing, CancellationToken cancellationToken)
    {
        var max = existing.Select(r => r.Revision ?? 0).DefaultIfEmpty(0).Max();
        var match = existing.Where(r => PodTemplateHash.EqualIgnoringHash(TemplateOf(r), template)).OrderByDescending(r => r.Revision ?? 0).FirstOrDefault();
        if (match is not null)
        {
            if ((match.Revision ?? 0) < max)
            {
                var copy = ObjectCopy.Clone(match);
                copy.Revision = max + 1;
                return await client.UpdateAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return match;
        }

        var hash = PodTemplateHash.Compute(template, null);
        var revision = new ControllerRevision
        {
            Metadata = new ObjectMeta
            {
                Name = $"{owner.Metadata!.Name}-{hash}",
                Namespace = owner.Metadata.Namespace,
                Labels = new Dictionary<string, string>(selectorLabels ?? new Dictionary<string, string>()) { [HashLabel] = hash },
                OwnerReferences = [new OwnerReference { ApiVersion = ownerApiVersion, Kind = ownerKind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Data = DataFor(template),
            Revision = max + 1,
        };
        try
        {
            return await client.CreateAsync(revision, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            return await client.GetAsync<ControllerRevision>(revision.Metadata.Name, revision.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
        }
    }

    public const string HashLabel = "controller-revision-hash";

    /// <summary>The hash a revision's pods are labelled with (its name after the owner's).</summary>
    public static string HashOf(ControllerRevision revision, string ownerName) =>
        revision.Metadata?.Labels?.GetValueOrDefault(HashLabel) ?? revision.Metadata!.Name![(ownerName.Length + 1)..];

    /// <summary>Deletes the oldest revisions beyond <paramref name="limit"/> that no pod uses.</summary>
    public async Task PruneAsync(IReadOnlyList<ControllerRevision> revisions, ISet<string> namesInUse, int limit, CancellationToken cancellationToken)
    {
        var removable = revisions.Where(r => !namesInUse.Contains(r.Metadata!.Name!)).OrderBy(r => r.Revision ?? 0).ToList();
        var excess = revisions.Count - limit;
        foreach (var revision in removable.Take(Math.Max(excess, 0)))
        {
            try
            {
                await client.DeleteAsync<ControllerRevision>(revision.Metadata!.Name!, revision.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }
        }
    }
}
