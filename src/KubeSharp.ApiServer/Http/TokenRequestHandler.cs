using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Authentication.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Security;
using KubeSharp.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>POST serviceaccounts/{name}/token: issues a signed token for the service account (`kubectl create token`).</summary>
public sealed class TokenRequestHandler
{
    private const long DefaultExpirationSeconds = 3600;
    private const long MinExpirationSeconds = 600;

    private readonly ResourceStore _store;
    private readonly ServiceAccountTokens _tokens;

    public TokenRequestHandler(ResourceStore store, ServiceAccountTokens tokens)
    {
        _store = store;
        _tokens = tokens;
    }

    public async Task HandleAsync(HttpContext context, ResourceDefinition definition, RequestInfo request)
    {
        if (context.Request.Method != "POST")
        {
            throw ApiException.MethodNotSupported(definition.GroupResource, context.Request.Method);
        }

        var serviceAccount = await _store.GetAsync(definition, request.Namespace, request.Name!, context.RequestAborted).ConfigureAwait(false);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        JsonObject json;
        if (MediaTypes.Essence(context.Request.ContentType) == MediaTypes.Protobuf)
        {
            try
            {
                json = KubeProtobuf.Default.Decode(body, typeof(TokenRequest));
            }
            catch (KubeProtobufException e)
            {
                throw ApiException.BadRequest($"error decoding protobuf body: {e.Message}");
            }
        }
        else
        {
            json = RequestBody.ParseDocument(body, MediaTypes.Essence(context.Request.ContentType)) as JsonObject ?? throw ApiException.BadRequest("the body must be a TokenRequest");
        }

        var tokenRequest = (TokenRequest)ResourceHandler.Materialize(new ResourceDefinition(typeof(TokenRequest), new KubernetesEntityAttribute("authentication.k8s.io", "v1", "TokenRequest", "tokenrequests"), new ResourceStrategy()), json);
        var spec = tokenRequest.Spec ??= new TokenRequestSpec();
        var seconds = spec.ExpirationSeconds ?? DefaultExpirationSeconds;
        if (seconds < MinExpirationSeconds)
        {
            throw ApiException.Invalid("TokenRequest", "authentication.k8s.io", request.Name!, [FieldError.Invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes")]);
        }

        spec.ExpirationSeconds = seconds;
        var audiences = spec.Audiences is { Count: > 0 } a ? a : [ServiceAccountTokens.Issuer];
        spec.Audiences = audiences;
        var (token, expires) = _tokens.Issue(request.Namespace!, request.Name!, serviceAccount.Object.Meta.Uid!, audiences, TimeSpan.FromSeconds(seconds), DateTimeOffset.UtcNow);
        tokenRequest.ApiVersion = "authentication.k8s.io/v1";
        tokenRequest.Kind = "TokenRequest";
        tokenRequest.Metadata = new ObjectMeta { Name = request.Name, Namespace = request.Namespace, CreationTimestamp = TimeConverter.Now() };
        tokenRequest.Status = new TokenRequestStatus { Token = token, ExpirationTimestamp = TimeConverter.Truncate(expires) };
        await ResponseWriter.WriteObjectAsync(context, 201, tokenRequest).ConfigureAwait(false);
    }
}
