using KubeSharp.Api.ApiExtensions.V1;

namespace KubeSharp.Api.Tests;

public sealed class ApiExtensionsV1Tests
{
    private const string CrdJson = """
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "crontabs.stable.example.com" },
          "spec": {
            "group": "stable.example.com",
            "names": { "plural": "crontabs", "singular": "crontab", "kind": "CronTab", "listKind": "CronTabList", "shortNames": [ "ct" ], "categories": [ "all" ] },
            "scope": "Namespaced",
            "preserveUnknownFields": false,
            "conversion": {
              "strategy": "Webhook",
              "webhook": {
                "conversionReviewVersions": [ "v1" ],
                "clientConfig": { "service": { "namespace": "system", "name": "conv", "path": "/convert", "port": 8443 }, "caBundle": "Y2EtYnVuZGxl" }
              }
            },
            "versions": [
              {
                "name": "v1",
                "served": true,
                "storage": true,
                "deprecated": false,
                "schema": {
                  "openAPIV3Schema": {
                    "type": "object",
                    "description": "A cron tab.",
                    "required": [ "spec" ],
                    "properties": {
                      "spec": {
                        "type": "object",
                        "properties": {
                          "cronSpec": { "type": "string", "pattern": "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$", "minLength": 9, "maxLength": 64 },
                          "image": { "type": "string", "default": "busybox:1.36", "example": "nginx:1.27" },
                          "replicas": { "type": "integer", "format": "int32", "minimum": 1, "maximum": 10, "exclusiveMaximum": false, "multipleOf": 1, "default": 1 },
                          "mode": { "type": "string", "enum": [ "fast", "slow", null ], "nullable": true },
                          "port": { "x-kubernetes-int-or-string": true, "anyOf": [ { "type": "integer" }, { "type": "string" } ] },
                          "tags": { "type": "array", "items": { "type": "string" }, "minItems": 0, "maxItems": 5, "x-kubernetes-list-type": "set" },
                          "pair": { "type": "array", "items": [ { "type": "string" }, { "type": "integer" } ] },
                          "ports": {
                            "type": "array",
                            "x-kubernetes-list-type": "map",
                            "x-kubernetes-list-map-keys": [ "name" ],
                            "items": { "type": "object", "required": [ "name" ], "properties": { "name": { "type": "string" } } }
                          },
                          "labels": { "type": "object", "additionalProperties": { "type": "string" }, "x-kubernetes-map-type": "granular", "maxProperties": 20 },
                          "strict": { "type": "object", "additionalProperties": false },
                          "template": { "type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
                          "config": { "type": "object", "default": { "retries": 3, "verbose": false } },
                          "card": { "type": "object", "dependencies": { "number": [ "holder" ], "holder": { "required": [ "number" ] } } }
                        },
                        "x-kubernetes-validations": [
                          { "rule": "self.replicas <= 5 || self.image != ''", "message": "too many", "messageExpression": "'replicas: ' + string(self.replicas)", "reason": "FieldValueInvalid", "fieldPath": ".replicas", "optionalOldSelf": true }
                        ]
                      },
                      "status": { "type": "object", "x-kubernetes-preserve-unknown-fields": true }
                    }
                  }
                },
                "subresources": {
                  "status": {},
                  "scale": { "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas", "labelSelectorPath": ".status.selector" }
                },
                "additionalPrinterColumns": [
                  { "name": "Spec", "type": "string", "jsonPath": ".spec.cronSpec", "description": "the schedule" },
                  { "name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp", "priority": 1, "format": "date-time" }
                ],
                "selectableFields": [ { "jsonPath": ".spec.image" } ]
              },
              { "name": "v1beta1", "served": true, "storage": false, "deprecated": true, "deprecationWarning": "use v1", "schema": { "openAPIV3Schema": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } }
            ]
          },
          "status": {
            "conditions": [ { "type": "Established", "status": "True", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "InitialNamesAccepted", "message": "the initial names have been accepted" } ],
            "acceptedNames": { "plural": "crontabs", "singular": "crontab", "kind": "CronTab", "listKind": "CronTabList", "shortNames": [ "ct" ], "categories": [ "all" ] },
            "storedVersions": [ "v1" ]
          }
        }
        """;

    [Fact]
    public void Crd_round_trips_with_recursive_schema_extension_keywords_and_union_values()
    {
        var crd = ApiGroupJson.AssertRoundTripLossless<CustomResourceDefinition>(CrdJson);
        var spec = crd.Spec!.Versions![0].Schema!.OpenAPIV3Schema!.Properties!["spec"];
        Assert.Equal("string", spec.Properties!["tags"].Items!.Schema!.Type);
        Assert.Equal(2, spec.Properties["pair"].Items!.JSONSchemas!.Count);
        Assert.Equal("string", spec.Properties["labels"].AdditionalProperties!.Schema!.Type);
        Assert.False(spec.Properties["strict"].AdditionalProperties!.Allows);
        Assert.True(spec.Properties["template"].XPreserveUnknownFields);
        Assert.Equal(["holder"], spec.Properties["card"].Dependencies!["number"].Property);
        Assert.Equal(3, spec.Properties["config"].Default!.Value.GetProperty("retries").GetInt32());
        Assert.Equal(3, spec.Properties["mode"].Enum!.Count);
    }

    [Fact]
    public void Crd_defaults_names_conversion_webhook_port_and_stored_versions()
    {
        var crd = new CustomResourceDefinition
        {
            Spec = new CustomResourceDefinitionSpec
            {
                Names = new CustomResourceDefinitionNames { Kind = "CronTab", Plural = "crontabs" },
                Versions =
                [
                    new CustomResourceDefinitionVersion { Name = "v1beta1", Served = true, Storage = false },
                    new CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true },
                ],
            },
        };

        ApiExtensionsV1Defaults.Apply(crd);

        Assert.Equal("crontab", crd.Spec.Names.Singular);
        Assert.Equal("CronTabList", crd.Spec.Names.ListKind);
        Assert.Equal("None", crd.Spec.Conversion!.Strategy);
        Assert.Equal(["v1"], crd.Status!.StoredVersions);
    }

    [Fact]
    public void Conversion_webhook_service_port_defaults_to_443()
    {
        var crd = new CustomResourceDefinition
        {
            Spec = new CustomResourceDefinitionSpec
            {
                Conversion = new CustomResourceConversion
                {
                    Strategy = "Webhook",
                    Webhook = new WebhookConversion { ClientConfig = new WebhookClientConfig { Service = new ServiceReference { Name = "conv", Namespace = "system" } } },
                },
            },
        };

        ApiExtensionsV1Defaults.Apply(crd);

        Assert.Equal(443, crd.Spec.Conversion!.Webhook!.ClientConfig!.Service!.Port);
    }
}
