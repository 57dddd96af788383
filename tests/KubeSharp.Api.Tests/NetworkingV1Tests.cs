using KubeSharp.Api.Networking.V1;

namespace KubeSharp.Api.Tests;

public sealed class NetworkingV1Tests
{
    private const string IngressJson = """
        {
          "apiVersion": "networking.k8s.io/v1",
          "kind": "Ingress",
          "metadata": { "name": "shop", "namespace": "shop", "annotations": { "nginx.ingress.kubernetes.io/rewrite-target": "/" } },
          "spec": {
            "ingressClassName": "nginx",
            "defaultBackend": { "resource": { "apiGroup": "k8s.example.com", "kind": "StorageBucket", "name": "static-assets" } },
            "tls": [ { "hosts": [ "shop.example.com" ], "secretName": "shop-tls" } ],
            "rules": [
              {
                "host": "shop.example.com",
                "http": {
                  "paths": [
                    { "path": "/", "pathType": "Prefix", "backend": { "service": { "name": "web", "port": { "number": 80 } } } },
                    { "path": "/api", "pathType": "Exact", "backend": { "service": { "name": "api", "port": { "name": "http" } } } }
                  ]
                }
              },
              { "host": "*.example.com" }
            ]
          },
          "status": {
            "loadBalancer": { "ingress": [ { "ip": "192.0.2.10", "hostname": "lb.example.com", "ports": [ { "port": 443, "protocol": "TCP", "error": "PortUnreachable" } ] } ] }
          }
        }
        """;

    [Fact]
    public void Ingress_round_trips_with_inline_rule_value_tls_backends_and_status()
    {
        var ingress = ApiGroupJson.AssertRoundTripLossless<Ingress>(IngressJson);
        Assert.Equal("api", ingress.Spec!.Rules![0].Http!.Paths![1].Backend!.Service!.Name);
        Assert.Null(ingress.Spec.Rules[1].Http);
    }

    [Fact]
    public void IngressClass_and_NetworkPolicy_round_trip()
    {
        ApiGroupJson.AssertRoundTripLossless<IngressClass>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"nginx","annotations":{"ingressclass.kubernetes.io/is-default-class":"true"}},
             "spec":{"controller":"k8s.io/ingress-nginx","parameters":{"apiGroup":"k8s.example.net","kind":"IngressParameters","name":"external-lb","scope":"Namespace","namespace":"ingress"}}}
            """);
        ApiGroupJson.AssertRoundTripLossless<NetworkPolicy>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},
                     "ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}},"namespaceSelector":{}},{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],
                                 "ports":[{"protocol":"TCP","port":5432},{"port":"metrics","endPort":9100}]}],
                     "egress":[{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"kube-system"}}}]}],
                     "policyTypes":["Ingress","Egress"]}}
            """);
    }

    [Fact]
    public void NetworkPolicy_without_types_restricts_ingress_and_egress_only_when_it_has_egress_rules()
    {
        var ingressOnly = new NetworkPolicy { Spec = new NetworkPolicySpec { Ingress = [new NetworkPolicyIngressRule { Ports = [new NetworkPolicyPort { Port = 80 }] }] } };
        var both = new NetworkPolicy { Spec = new NetworkPolicySpec { Egress = [new NetworkPolicyEgressRule()] } };

        NetworkingV1Defaults.Apply(ingressOnly);
        NetworkingV1Defaults.Apply(both);

        Assert.Equal(["Ingress"], ingressOnly.Spec.PolicyTypes);
        Assert.Equal("TCP", ingressOnly.Spec.Ingress[0].Ports![0].Protocol);
        Assert.Equal(["Ingress", "Egress"], both.Spec.PolicyTypes);
    }

    [Fact]
    public void IngressClass_parameters_default_to_cluster_scope()
    {
        var ingressClass = new IngressClass { Spec = new IngressClassSpec { Controller = "x/y", Parameters = new IngressClassParametersReference { Kind = "P", Name = "p" } } };

        NetworkingV1Defaults.Apply(ingressClass);

        Assert.Equal("Cluster", ingressClass.Spec.Parameters.Scope);
    }
}
