using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Security;

namespace KubeSharp.ApiServer.Admission.Webhooks;

/// <summary>
/// What admission knows of one request: the operation on a resource (and subresource), the new
/// and old objects, who asks, and the operation's options.
/// </summary>
/// <param name="Operation">CREATE, UPDATE, DELETE or CONNECT.</param>
/// <param name="Object">The new object (CREATE, UPDATE); null for DELETE and CONNECT.</param>
/// <param name="OldObject">The stored object (UPDATE, DELETE).</param>
/// <param name="ConnectOptions">For CONNECT, the options object sent as the request's object (e.g. PodExecOptions).</param>
/// <param name="Options">CreateOptions, UpdateOptions or DeleteOptions as JSON.</param>
public sealed record AdmissionAttributes(
    string Operation,
    ResourceDefinition Definition,
    string? Subresource,
    string? Namespace,
    string Name,
    KubernetesObject? Object,
    KubernetesObject? OldObject,
    bool DryRun,
    UserInfo? User,
    JsonObject? Options = null,
    JsonObject? ConnectOptions = null)
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
    public const string Connect = "CONNECT";

    /// <summary>The options object Kubernetes sends for an operation (kind and apiVersion meta.k8s.io/v1).</summary>
    public static JsonObject OptionsFor(string operation, bool dryRun, string? fieldManager)
    {
        var options = new JsonObject
        {
            ["kind"] = operation switch { Create => "CreateOptions", Update => "UpdateOptions", _ => "DeleteOptions" },
            ["apiVersion"] = "meta.k8s.io/v1",
        };
        if (dryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        if (!string.IsNullOrEmpty(fieldManager) && operation != Delete)
        {
            options["fieldManager"] = fieldManager;
        }

        return options;
    }
}
