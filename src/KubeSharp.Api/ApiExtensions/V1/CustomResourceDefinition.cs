using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.ApiExtensions.V1;

/// <summary>Defines a new resource kind served by the API server.</summary>
[KubernetesEntity("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], Subresources = ["status"])]
public sealed class CustomResourceDefinition : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public CustomResourceDefinitionSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public CustomResourceDefinitionStatus? Status { get; set; }
}

/// <summary>The group, names, scope and versions of a custom resource.</summary>
public sealed class CustomResourceDefinitionSpec
{
    /// <summary>The API group (/apis/group/...); must match the name's suffix.</summary>
    [Proto(1)] public string? Group { get; set; }
    /// <summary>The resource and kind names.</summary>
    [Proto(3)] public CustomResourceDefinitionNames? Names { get; set; }
    /// <summary>Cluster or Namespaced.</summary>
    [Proto(4)] public string? Scope { get; set; }
    /// <summary>The served versions; exactly one is the storage version.</summary>
    [Proto(7)] public List<CustomResourceDefinitionVersion>? Versions { get; set; }
    /// <summary>How objects convert between versions.</summary>
    [Proto(9)] public CustomResourceConversion? Conversion { get; set; }
    /// <summary>Deprecated; must be false in apiextensions.k8s.io/v1. Use x-kubernetes-preserve-unknown-fields in the schema.</summary>
    [Proto(10)] public bool? PreserveUnknownFields { get; set; }
}

/// <summary>The observed state of a CustomResourceDefinition.</summary>
public sealed class CustomResourceDefinitionStatus
{
    /// <summary>The latest observations of the object's state.</summary>
    [Proto(1)] public List<CustomResourceDefinitionCondition>? Conditions { get; set; }
    /// <summary>The names actually served; may differ from spec.names on conflict.</summary>
    [Proto(2)] public CustomResourceDefinitionNames? AcceptedNames { get; set; }
    /// <summary>Versions that have ever been persisted; used for storage migration.</summary>
    [Proto(3)] public List<string>? StoredVersions { get; set; }
}

/// <summary>The names of a custom resource.</summary>
public sealed class CustomResourceDefinitionNames
{
    /// <summary>The plural, lower-case resource name used in URLs.</summary>
    [Proto(1)] public string? Plural { get; set; }
    /// <summary>The singular, lower-case name; defaults to the lower-cased kind.</summary>
    [Proto(2)] public string? Singular { get; set; }
    /// <summary>Short names for kubectl.</summary>
    [Proto(3)] public List<string>? ShortNames { get; set; }
    /// <summary>The CamelCase kind.</summary>
    [Proto(4)] public string? Kind { get; set; }
    /// <summary>The kind of lists; defaults to kind + "List".</summary>
    [Proto(5)] public string? ListKind { get; set; }
    /// <summary>Groups the resource belongs to, e.g. "all".</summary>
    [Proto(6)] public List<string>? Categories { get; set; }
}

/// <summary>One version of a custom resource.</summary>
public sealed class CustomResourceDefinitionVersion
{
    /// <summary>The version name, e.g. v1 or v1beta1.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Whether the version is served over REST.</summary>
    [Proto(2)] public bool? Served { get; set; }
    /// <summary>Whether objects are stored in this version; exactly one version is.</summary>
    [Proto(3)] public bool? Storage { get; set; }
    /// <summary>Whether requests in this version get a deprecation warning.</summary>
    [Proto(7)] public bool? Deprecated { get; set; }
    /// <summary>Overrides the default deprecation warning.</summary>
    [Proto(8)] public string? DeprecationWarning { get; set; }
    /// <summary>The validation schema of this version.</summary>
    [Proto(4)] public CustomResourceValidation? Schema { get; set; }
    /// <summary>The subresources (status, scale) of this version.</summary>
    [Proto(5)] public CustomResourceSubresources? Subresources { get; set; }
    /// <summary>Extra columns for kubectl get.</summary>
    [Proto(6)] public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }
    /// <summary>Fields usable in field selectors.</summary>
    [Proto(9)] public List<SelectableField>? SelectableFields { get; set; }
}

/// <summary>How versions of a custom resource convert.</summary>
public sealed class CustomResourceConversion
{
    /// <summary>None (only apiVersion changes) or Webhook.</summary>
    [Proto(1)] public string? Strategy { get; set; }
    /// <summary>The conversion webhook; required for Webhook.</summary>
    [Proto(2)] public WebhookConversion? Webhook { get; set; }
}

/// <summary>One observed aspect of a CustomResourceDefinition's state.</summary>
public sealed class CustomResourceDefinitionCondition
{
    /// <summary>Established, NamesAccepted, NonStructuralSchema, Terminating or KubernetesAPIApprovalPolicyConformant.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the status last changed.</summary>
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>A one-word CamelCase cause of the last transition.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>Human-readable details of the last transition.</summary>
    [Proto(5)] public string? Message { get; set; }
}

/// <summary>The validation of one version.</summary>
public sealed class CustomResourceValidation
{
    /// <summary>The OpenAPI v3 schema objects must satisfy.</summary>
    [Proto(1)] public JSONSchemaProps? OpenAPIV3Schema { get; set; }
}

/// <summary>Subresources of a custom resource.</summary>
public sealed class CustomResourceSubresources
{
    /// <summary>Enables /status; status is then ignored on main-resource writes.</summary>
    [Proto(1)] public CustomResourceSubresourceStatus? Status { get; set; }
    /// <summary>Enables /scale.</summary>
    [Proto(2)] public CustomResourceSubresourceScale? Scale { get; set; }
}

/// <summary>An extra column of kubectl get output.</summary>
public sealed class CustomResourceColumnDefinition
{
    /// <summary>The column header.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The OpenAPI type of the column's values.</summary>
    [Proto(2)] public string? Type { get; set; }
    /// <summary>The OpenAPI format of the column's values.</summary>
    [Proto(3)] public string? Format { get; set; }
    /// <summary>What the column shows.</summary>
    [Proto(4)] public string? Description { get; set; }
    /// <summary>0 for standard columns; higher ones appear only in wide output.</summary>
    [Proto(5)] public int? Priority { get; set; }
    /// <summary>Simple JSON path evaluated on each object for the value.</summary>
    [Proto(6)] public string? JsonPath { get; set; }
}

/// <summary>A field that may be used in field selectors.</summary>
public sealed class SelectableField
{
    /// <summary>Simple JSON path to a string, integer or boolean field.</summary>
    [Proto(1)] public string? JsonPath { get; set; }
}

/// <summary>A conversion webhook.</summary>
public sealed class WebhookConversion
{
    /// <summary>How to call the webhook.</summary>
    [Proto(2)] public WebhookClientConfig? ClientConfig { get; set; }
    /// <summary>ConversionReview versions the webhook accepts, in order of preference.</summary>
    [Proto(3)] public List<string>? ConversionReviewVersions { get; set; }
}

/// <summary>A JSON Schema (draft 4 subset with Kubernetes extensions) for a value.</summary>
public sealed class JSONSchemaProps
{
    /// <summary>The schema's id.</summary>
    [Proto(1)] public string? Id { get; set; }
    /// <summary>The JSON Schema dialect; not allowed in CRDs.</summary>
    [Proto(2), JsonPropertyName("$schema")] public string? Schema { get; set; }
    /// <summary>A reference to another schema; not allowed in CRDs.</summary>
    [Proto(3), JsonPropertyName("$ref")] public string? Ref { get; set; }
    /// <summary>What the value means; shown by kubectl explain.</summary>
    [Proto(4)] public string? Description { get; set; }
    /// <summary>object, array, string, number, integer or boolean.</summary>
    [Proto(5)] public string? Type { get; set; }
    /// <summary>A format such as date-time, int32 or byte.</summary>
    [Proto(6)] public string? Format { get; set; }
    /// <summary>A short title.</summary>
    [Proto(7)] public string? Title { get; set; }
    /// <summary>The value used when the field is absent; requires a structural schema.</summary>
    [Proto(8)] public JsonElement? Default { get; set; }
    /// <summary>The largest allowed number.</summary>
    [Proto(9)] public double? Maximum { get; set; }
    /// <summary>If true, maximum itself is not allowed.</summary>
    [Proto(10)] public bool? ExclusiveMaximum { get; set; }
    /// <summary>The smallest allowed number.</summary>
    [Proto(11)] public double? Minimum { get; set; }
    /// <summary>If true, minimum itself is not allowed.</summary>
    [Proto(12)] public bool? ExclusiveMinimum { get; set; }
    /// <summary>The longest allowed string.</summary>
    [Proto(13)] public long? MaxLength { get; set; }
    /// <summary>The shortest allowed string.</summary>
    [Proto(14)] public long? MinLength { get; set; }
    /// <summary>A regular expression strings must match.</summary>
    [Proto(15)] public string? Pattern { get; set; }
    /// <summary>The most array elements allowed.</summary>
    [Proto(16)] public long? MaxItems { get; set; }
    /// <summary>The fewest array elements allowed.</summary>
    [Proto(17)] public long? MinItems { get; set; }
    /// <summary>Array elements must be distinct; not allowed in CRDs.</summary>
    [Proto(18)] public bool? UniqueItems { get; set; }
    /// <summary>Numbers must be a multiple of this.</summary>
    [Proto(19)] public double? MultipleOf { get; set; }
    /// <summary>The allowed values.</summary>
    [Proto(20)] public List<JsonElement>? Enum { get; set; }
    /// <summary>The most object properties allowed.</summary>
    [Proto(21)] public long? MaxProperties { get; set; }
    /// <summary>The fewest object properties allowed.</summary>
    [Proto(22)] public long? MinProperties { get; set; }
    /// <summary>Properties that must be present.</summary>
    [Proto(23)] public List<string>? Required { get; set; }
    /// <summary>The schema of array elements.</summary>
    [Proto(24)] public JSONSchemaPropsOrArray? Items { get; set; }
    /// <summary>The value must satisfy every schema.</summary>
    [Proto(25)] public List<JSONSchemaProps>? AllOf { get; set; }
    /// <summary>The value must satisfy exactly one schema.</summary>
    [Proto(26)] public List<JSONSchemaProps>? OneOf { get; set; }
    /// <summary>The value must satisfy at least one schema.</summary>
    [Proto(27)] public List<JSONSchemaProps>? AnyOf { get; set; }
    /// <summary>The value must not satisfy this schema.</summary>
    [Proto(28)] public JSONSchemaProps? Not { get; set; }
    /// <summary>The schemas of object properties.</summary>
    [Proto(29)] public Dictionary<string, JSONSchemaProps>? Properties { get; set; }
    /// <summary>Whether (or by which schema) unlisted object properties are allowed.</summary>
    [Proto(30)] public JSONSchemaPropsOrBool? AdditionalProperties { get; set; }
    /// <summary>Schemas for properties whose names match a pattern; not allowed in CRDs.</summary>
    [Proto(31)] public Dictionary<string, JSONSchemaProps>? PatternProperties { get; set; }
    /// <summary>Per-property requirements applied when that property is present.</summary>
    [Proto(32)] public Dictionary<string, JSONSchemaPropsOrStringArray>? Dependencies { get; set; }
    /// <summary>Whether extra array items are allowed; not allowed in CRDs.</summary>
    [Proto(33)] public JSONSchemaPropsOrBool? AdditionalItems { get; set; }
    /// <summary>Named schemas; not allowed in CRDs.</summary>
    [Proto(34)] public Dictionary<string, JSONSchemaProps>? Definitions { get; set; }
    /// <summary>A link to more documentation.</summary>
    [Proto(35)] public ExternalDocumentation? ExternalDocs { get; set; }
    /// <summary>An example value.</summary>
    [Proto(36)] public JsonElement? Example { get; set; }
    /// <summary>Whether null is allowed (and preserved) as a value.</summary>
    [Proto(37)] public bool? Nullable { get; set; }
    /// <summary>Keep fields the schema does not describe instead of pruning them.</summary>
    [Proto(38), JsonPropertyName("x-kubernetes-preserve-unknown-fields")] public bool? XPreserveUnknownFields { get; set; }
    /// <summary>The value is a Kubernetes object with apiVersion, kind and metadata.</summary>
    [Proto(39), JsonPropertyName("x-kubernetes-embedded-resource")] public bool? XEmbeddedResource { get; set; }
    /// <summary>The value may be an integer or a string.</summary>
    [Proto(40), JsonPropertyName("x-kubernetes-int-or-string")] public bool? XIntOrString { get; set; }
    /// <summary>The keys identifying items of a list of type map.</summary>
    [Proto(41), JsonPropertyName("x-kubernetes-list-map-keys")] public List<string>? XListMapKeys { get; set; }
    /// <summary>atomic, set or map: how server-side apply merges the list.</summary>
    [Proto(42), JsonPropertyName("x-kubernetes-list-type")] public string? XListType { get; set; }
    /// <summary>granular or atomic: how server-side apply merges the object.</summary>
    [Proto(43), JsonPropertyName("x-kubernetes-map-type")] public string? XMapType { get; set; }
    /// <summary>CEL rules the value must satisfy.</summary>
    [Proto(44), JsonPropertyName("x-kubernetes-validations"), PatchMerge("rule")] public List<ValidationRule>? XValidations { get; set; }
}

/// <summary>Enables the status subresource; has no fields.</summary>
public sealed class CustomResourceSubresourceStatus
{
}

/// <summary>Where the scale subresource reads and writes.</summary>
public sealed class CustomResourceSubresourceScale
{
    /// <summary>JSON path (e.g. .spec.replicas) of the desired replicas.</summary>
    [Proto(1)] public string? SpecReplicasPath { get; set; }
    /// <summary>JSON path of the observed replicas.</summary>
    [Proto(2)] public string? StatusReplicasPath { get; set; }
    /// <summary>JSON path of the serialized label selector, for the HPA.</summary>
    [Proto(3)] public string? LabelSelectorPath { get; set; }
}

/// <summary>How to reach a webhook: a URL or a Service.</summary>
public sealed class WebhookClientConfig
{
    /// <summary>The webhook's https URL.</summary>
    [Proto(3)] public string? Url { get; set; }
    /// <summary>A Service in the cluster hosting the webhook.</summary>
    [Proto(1)] public ServiceReference? Service { get; set; }
    /// <summary>PEM CA bundle to verify the webhook's certificate.</summary>
    [Proto(2)] public byte[]? CaBundle { get; set; }
}

/// <summary>A link to more documentation.</summary>
public sealed class ExternalDocumentation
{
    /// <summary>What the linked documentation covers.</summary>
    [Proto(1)] public string? Description { get; set; }
    /// <summary>The documentation's URL.</summary>
    [Proto(2)] public string? Url { get; set; }
}

/// <summary>A CEL validation rule.</summary>
public sealed class ValidationRule
{
    /// <summary>The CEL expression; self is the value being validated.</summary>
    [Proto(1)] public string? Rule { get; set; }
    /// <summary>The error shown when the rule fails.</summary>
    [Proto(2)] public string? Message { get; set; }
    /// <summary>A CEL expression producing the error message.</summary>
    [Proto(3)] public string? MessageExpression { get; set; }
    /// <summary>FieldValueInvalid, FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>The path reported with the error, relative to the validated value.</summary>
    [Proto(5)] public string? FieldPath { get; set; }
    /// <summary>Evaluate the transition rule even when there is no old value.</summary>
    [Proto(6)] public bool? OptionalOldSelf { get; set; }
}

/// <summary>A Service hosting a webhook.</summary>
public sealed class ServiceReference
{
    /// <summary>The Service's namespace.</summary>
    [Proto(1)] public string? Namespace { get; set; }
    /// <summary>The Service's name.</summary>
    [Proto(2)] public string? Name { get; set; }
    /// <summary>The URL path requests are sent to.</summary>
    [Proto(3)] public string? Path { get; set; }
    /// <summary>The Service port. Defaults to 443.</summary>
    [Proto(4)] public int? Port { get; set; }
}
