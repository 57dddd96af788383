using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.ApiExtensions.V1;

[KubernetesEntity("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], Subresources = ["status"])]
public sealed class CustomResourceDefinition : KubernetesObject
{
    [Proto(2)] public CustomResourceDefinitionSpec? Spec { get; set; }
    [Proto(3)] public CustomResourceDefinitionStatus? Status { get; set; }
}

public sealed class CustomResourceDefinitionSpec
{
    [Proto(1)] public string? Group { get; set; }
    [Proto(3)] public CustomResourceDefinitionNames? Names { get; set; }
    [Proto(4)] public string? Scope { get; set; }
    [Proto(7)] public List<CustomResourceDefinitionVersion>? Versions { get; set; }
    [Proto(9)] public CustomResourceConversion? Conversion { get; set; }
    [Proto(10)] public bool? PreserveUnknownFields { get; set; }
}

public sealed class CustomResourceDefinitionStatus
{
    [Proto(1)] public List<CustomResourceDefinitionCondition>? Conditions { get; set; }
    [Proto(2)] public CustomResourceDefinitionNames? AcceptedNames { get; set; }
    [Proto(3)] public List<string>? StoredVersions { get; set; }
}

public sealed class CustomResourceDefinitionNames
{
    [Proto(1)] public string? Plural { get; set; }
    [Proto(2)] public string? Singular { get; set; }
    [Proto(3)] public List<string>? ShortNames { get; set; }
    [Proto(4)] public string? Kind { get; set; }
    [Proto(5)] public string? ListKind { get; set; }
    [Proto(6)] public List<string>? Categories { get; set; }
}

public sealed class CustomResourceDefinitionVersion
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public bool? Served { get; set; }
    [Proto(3)] public bool? Storage { get; set; }
    [Proto(7)] public bool? Deprecated { get; set; }
    [Proto(8)] public string? DeprecationWarning { get; set; }
    [Proto(4)] public CustomResourceValidation? Schema { get; set; }
    [Proto(5)] public CustomResourceSubresources? Subresources { get; set; }
    [Proto(6)] public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }
    [Proto(9)] public List<SelectableField>? SelectableFields { get; set; }
}

public sealed class CustomResourceConversion
{
    [Proto(1)] public string? Strategy { get; set; }
    [Proto(2)] public WebhookConversion? Webhook { get; set; }
}

public sealed class CustomResourceDefinitionCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

public sealed class CustomResourceValidation
{
    [Proto(1)] public JSONSchemaProps? OpenAPIV3Schema { get; set; }
}

public sealed class CustomResourceSubresources
{
    [Proto(1)] public CustomResourceSubresourceStatus? Status { get; set; }
    [Proto(2)] public CustomResourceSubresourceScale? Scale { get; set; }
}

public sealed class CustomResourceColumnDefinition
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Type { get; set; }
    [Proto(3)] public string? Format { get; set; }
    [Proto(4)] public string? Description { get; set; }
    [Proto(5)] public int? Priority { get; set; }
    [Proto(6)] public string? JsonPath { get; set; }
}

public sealed class SelectableField
{
    [Proto(1)] public string? JsonPath { get; set; }
}

public sealed class WebhookConversion
{
    [Proto(2)] public WebhookClientConfig? ClientConfig { get; set; }
    [Proto(3)] public List<string>? ConversionReviewVersions { get; set; }
}

public sealed class JSONSchemaProps
{
    [Proto(1)] public string? Id { get; set; }
    [Proto(2), JsonPropertyName("$schema")] public string? Schema { get; set; }
    [Proto(3), JsonPropertyName("$ref")] public string? Ref { get; set; }
    [Proto(4)] public string? Description { get; set; }
    [Proto(5)] public string? Type { get; set; }
    [Proto(6)] public string? Format { get; set; }
    [Proto(7)] public string? Title { get; set; }
    [Proto(8)] public JsonElement? Default { get; set; }
    [Proto(9)] public double? Maximum { get; set; }
    [Proto(10)] public bool? ExclusiveMaximum { get; set; }
    [Proto(11)] public double? Minimum { get; set; }
    [Proto(12)] public bool? ExclusiveMinimum { get; set; }
    [Proto(13)] public long? MaxLength { get; set; }
    [Proto(14)] public long? MinLength { get; set; }
    [Proto(15)] public string? Pattern { get; set; }
    [Proto(16)] public long? MaxItems { get; set; }
    [Proto(17)] public long? MinItems { get; set; }
    [Proto(18)] public bool? UniqueItems { get; set; }
    [Proto(19)] public double? MultipleOf { get; set; }
    [Proto(20)] public List<JsonElement>? Enum { get; set; }
    [Proto(21)] public long? MaxProperties { get; set; }
    [Proto(22)] public long? MinProperties { get; set; }
    [Proto(23)] public List<string>? Required { get; set; }
    [Proto(24)] public JSONSchemaPropsOrArray? Items { get; set; }
    [Proto(25)] public List<JSONSchemaProps>? AllOf { get; set; }
    [Proto(26)] public List<JSONSchemaProps>? OneOf { get; set; }
    [Proto(27)] public List<JSONSchemaProps>? AnyOf { get; set; }
    [Proto(28)] public JSONSchemaProps? Not { get; set; }
    [Proto(29)] public Dictionary<string, JSONSchemaProps>? Properties { get; set; }
    [Proto(30)] public JSONSchemaPropsOrBool? AdditionalProperties { get; set; }
    [Proto(31)] public Dictionary<string, JSONSchemaProps>? PatternProperties { get; set; }
    [Proto(32)] public Dictionary<string, JSONSchemaPropsOrStringArray>? Dependencies { get; set; }
    [Proto(33)] public JSONSchemaPropsOrBool? AdditionalItems { get; set; }
    [Proto(34)] public Dictionary<string, JSONSchemaProps>? Definitions { get; set; }
    [Proto(35)] public ExternalDocumentation? ExternalDocs { get; set; }
    [Proto(36)] public JsonElement? Example { get; set; }
    [Proto(37)] public bool? Nullable { get; set; }
    [Proto(38), JsonPropertyName("x-kubernetes-preserve-unknown-fields")] public bool? XPreserveUnknownFields { get; set; }
    [Proto(39), JsonPropertyName("x-kubernetes-embedded-resource")] public bool? XEmbeddedResource { get; set; }
    [Proto(40), JsonPropertyName("x-kubernetes-int-or-string")] public bool? XIntOrString { get; set; }
    [Proto(41), JsonPropertyName("x-kubernetes-list-map-keys")] public List<string>? XListMapKeys { get; set; }
    [Proto(42), JsonPropertyName("x-kubernetes-list-type")] public string? XListType { get; set; }
    [Proto(43), JsonPropertyName("x-kubernetes-map-type")] public string? XMapType { get; set; }
    [Proto(44), JsonPropertyName("x-kubernetes-validations"), PatchMerge("rule")] public List<ValidationRule>? XValidations { get; set; }
}

public sealed class CustomResourceSubresourceStatus
{
}

public sealed class CustomResourceSubresourceScale
{
    [Proto(1)] public string? SpecReplicasPath { get; set; }
    [Proto(2)] public string? StatusReplicasPath { get; set; }
    [Proto(3)] public string? LabelSelectorPath { get; set; }
}

public sealed class WebhookClientConfig
{
    [Proto(3)] public string? Url { get; set; }
    [Proto(1)] public ServiceReference? Service { get; set; }
    [Proto(2)] public byte[]? CaBundle { get; set; }
}

public sealed class ExternalDocumentation
{
    [Proto(1)] public string? Description { get; set; }
    [Proto(2)] public string? Url { get; set; }
}

public sealed class ValidationRule
{
    [Proto(1)] public string? Rule { get; set; }
    [Proto(2)] public string? Message { get; set; }
    [Proto(3)] public string? MessageExpression { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? FieldPath { get; set; }
    [Proto(6)] public bool? OptionalOldSelf { get; set; }
}

public sealed class ServiceReference
{
    [Proto(1)] public string? Namespace { get; set; }
    [Proto(2)] public string? Name { get; set; }
    [Proto(3)] public string? Path { get; set; }
    [Proto(4)] public int? Port { get; set; }
}
