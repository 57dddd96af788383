using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Authentication.V1;
using KubeSharp.Api.Authorization.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Security;
using Microsoft.AspNetCore.Http;
using SecurityUser = KubeSharp.ApiServer.Security.UserInfo;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>
/// The create-only review resources: authorization.k8s.io/v1 SelfSubjectAccessReview,
/// SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectRulesReview (kubectl auth can-i,
/// with --list), and authentication.k8s.io/v1 SelfSubjectReview (kubectl auth whoami) and
/// TokenReview. Each POST answers the posted object with its status filled; nothing is stored.
/// </summary>
public sealed class ReviewHandlers(RequestAuthorization authorizer, Authenticator authenticator)
{
    /// <summary>Registers the review resources' create handlers on <paramref name="host"/>.</summary>
    public static void Register(ApiServerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var reviews = new ReviewHandlers(host.Authorizer, host.Authenticator);
        host.Resources.RegisterCreate("authorization.k8s.io", "selfsubjectaccessreviews", reviews.SelfSubjectAccessReviewAsync);
        host.Resources.RegisterCreate("authorization.k8s.io", "subjectaccessreviews", reviews.SubjectAccessReviewAsync);
        host.Resources.RegisterCreate("authorization.k8s.io", "localsubjectaccessreviews", reviews.SubjectAccessReviewAsync);
        host.Resources.RegisterCreate("authorization.k8s.io", "selfsubjectrulesreviews", reviews.SelfSubjectRulesReviewAsync);
        host.Resources.RegisterCreate("authentication.k8s.io", "selfsubjectreviews", SelfSubjectReviewAsync);
        host.Resources.RegisterCreate("authentication.k8s.io", "tokenreviews", reviews.TokenReviewAsync);
    }

    private static SecurityUser Caller() => RequestUser.Current ?? throw ApiException.Unauthorized();

    private async Task SelfSubjectAccessReviewAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, KubernetesObject body)
    {
        var review = (SelfSubjectAccessReview)body;
        var attributes = Attributes(review.Spec?.ResourceAttributes, review.Spec?.NonResourceAttributes, definition, null);
        review.Status = await StatusAsync(Caller(), attributes, context.RequestAborted).ConfigureAwait(false);
        await RespondAsync(context, review).ConfigureAwait(false);
    }

    private async Task SubjectAccessReviewAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, KubernetesObject body)
    {
        var spec = body is LocalSubjectAccessReview local ? local.Spec : ((SubjectAccessReview)body).Spec;
        if (body is LocalSubjectAccessReview && spec?.ResourceAttributes is { } resource)
        {
            if (!string.IsNullOrEmpty(resource.Namespace) && resource.Namespace != request.Namespace)
            {
                throw ApiException.BadRequest($"spec.resourceAttributes.namespace must match namespace: {request.Namespace}");
            }

            resource.Namespace = request.Namespace;
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(spec?.User) && spec?.Groups is not { Count: > 0 })
        {
            errors.Add(FieldError.Invalid("spec.user", spec?.User ?? "", "at least one of user or group must be specified"));
        }

        var attributes = Attributes(spec?.ResourceAttributes, spec?.NonResourceAttributes, definition, errors);
        var user = new SecurityUser(spec?.User ?? "", [.. spec?.Groups ?? []]);
        var status = await StatusAsync(user, attributes, context.RequestAborted).ConfigureAwait(false);
        if (body is LocalSubjectAccessReview localReview)
        {
            localReview.Status = status;
        }
        else
        {
            ((SubjectAccessReview)body).Status = status;
        }

        await RespondAsync(context, body).ConfigureAwait(false);
    }

    private async Task SelfSubjectRulesReviewAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, KubernetesObject body)
    {
        var review = (SelfSubjectRulesReview)body;
        if (string.IsNullOrEmpty(review.Spec?.Namespace))
        {
            throw ApiException.Invalid(definition.Kind, definition.Group, "", [FieldError.Required("spec.namespace", "must specify a namespace")]);
        }

        var user = Caller();
        var status = new SubjectRulesReviewStatus { ResourceRules = [], NonResourceRules = [], Incomplete = false };
        if (authorizer.Mode == AuthorizationMode.AlwaysAllow || user.Groups.Contains(RbacAuthorizer.SuperuserGroup))
        {
            status.ResourceRules.Add(new ResourceRule { Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] });
            status.NonResourceRules.Add(new NonResourceRule { Verbs = ["*"], NonResourceURLs = ["*"] });
        }
        else
        {
            var policy = await authorizer.PolicyAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var rule in RbacAuthorizer.RulesFor(policy, user, review.Spec.Namespace))
            {
                if (rule.NonResourceURLs is { Count: > 0 } urls)
                {
                    status.NonResourceRules.Add(new NonResourceRule { Verbs = rule.Verbs, NonResourceURLs = urls });
                }
                else
                {
                    status.ResourceRules.Add(new ResourceRule { Verbs = rule.Verbs, ApiGroups = rule.ApiGroups, Resources = rule.Resources, ResourceNames = rule.ResourceNames });
                }
            }
        }

        review.Status = status;
        await RespondAsync(context, review).ConfigureAwait(false);
    }

    private static async Task SelfSubjectReviewAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, KubernetesObject body)
    {
        var review = (SelfSubjectReview)body;
        var user = Caller();
        review.Status = new SelfSubjectReviewStatus { UserInfo = new Api.Authentication.V1.UserInfo { Username = user.Name, Groups = [.. user.Groups] } };
        await RespondAsync(context, review).ConfigureAwait(false);
    }

    private async Task TokenReviewAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, KubernetesObject body)
    {
        var review = (TokenReview)body;
        if (string.IsNullOrEmpty(review.Spec?.Token))
        {
            throw ApiException.Invalid(definition.Kind, definition.Group, "", [FieldError.Required("spec.token", "token must not be empty")]);
        }

        var user = authenticator.AuthenticateToken(review.Spec.Token);
        review.Status = user is null
            ? new TokenReviewStatus { Authenticated = false, Error = "invalid bearer token" }
            : new TokenReviewStatus
            {
                Authenticated = true,
                User = new Api.Authentication.V1.UserInfo { Username = user.Name, Groups = [.. user.Groups] },
                Audiences = review.Spec.Audiences is { Count: > 0 } audiences ? audiences : [ServiceAccountTokens.Issuer],
            };
        await RespondAsync(context, review).ConfigureAwait(false);
    }

    /// <summary>The authorizer's attributes of a review's resource or non-resource action (exactly one must be given).</summary>
    private static RequestAttributes Attributes(ResourceAttributes? resource, NonResourceAttributes? nonResource, ResourceDefinition definition, List<FieldError>? errors)
    {
        errors ??= [];
        if ((resource is null) == (nonResource is null))
        {
            errors.Add(FieldError.Invalid("spec.resourceAttributes", resource is null ? "null" : "{...}", "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid(definition.Kind, definition.Group, "", errors);
        }

        return resource is not null
            ? new RequestAttributes(resource.Verb ?? "", true, resource.Group ?? "", resource.Resource ?? "", resource.Subresource ?? "", resource.Namespace ?? "", resource.Name ?? "", "")
            : new RequestAttributes(nonResource!.Verb ?? "", false, "", "", "", "", "", nonResource.Path ?? "");
    }

    private async Task<SubjectAccessReviewStatus> StatusAsync(SecurityUser user, RequestAttributes attributes, CancellationToken cancellationToken)
    {
        var allowed = await authorizer.IsAllowedAsync(user, attributes, cancellationToken).ConfigureAwait(false);
        return new SubjectAccessReviewStatus { Allowed = allowed, Reason = allowed && authorizer.Mode == AuthorizationMode.Rbac ? "RBAC: allowed" : null };
    }

    private static Task RespondAsync(HttpContext context, KubernetesObject review)
    {
        return ResponseWriter.WriteObjectAsync(context, 201, (object)review);
    }
}
