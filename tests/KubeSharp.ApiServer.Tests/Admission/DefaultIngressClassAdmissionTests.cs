using KubeSharp.Api;
using KubeSharp.Api.Networking.V1;
using KubeSharp.ApiServer.Admission;

namespace KubeSharp.ApiServer.Tests.Admission;

public sealed class DefaultIngressClassAdmissionTests
{
    private static Ingress NewIngress(string? className, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Annotations = annotations },
        Spec = new IngressSpec { IngressClassName = className },
    };

    private static IngressClass Class(string name, bool isDefault, int ageMinutes = 10) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            CreationTimestamp = DateTimeOffset.UnixEpoch.AddDays(1).AddMinutes(-ageMinutes),
            Annotations = isDefault ? new Dictionary<string, string> { [DefaultIngressClassAdmission.DefaultClassAnnotation] = "true" } : null,
        },
    };

    [Fact]
    public void An_ingress_without_a_class_gets_the_default_class()
    {
        var ingress = NewIngress(null);
        DefaultIngressClassAdmission.Apply(ingress, [Class("other", false), Class("kubesharp", true)]);

        Assert.Equal("kubesharp", ingress.Spec!.IngressClassName);
    }

    [Fact]
    public void A_named_class_or_the_legacy_class_annotation_is_kept()
    {
        var named = NewIngress("traefik");
        var annotated = NewIngress(null, new() { ["kubernetes.io/ingress.class"] = "nginx" });
        DefaultIngressClassAdmission.Apply(named, [Class("kubesharp", true)]);
        DefaultIngressClassAdmission.Apply(annotated, [Class("kubesharp", true)]);

        Assert.Equal("traefik", named.Spec!.IngressClassName);
        Assert.Null(annotated.Spec!.IngressClassName);
    }

    [Fact]
    public void Without_a_default_class_the_ingress_keeps_no_class_and_with_several_the_newest_wins()
    {
        var none = NewIngress(null);
        DefaultIngressClassAdmission.Apply(none, [Class("other", false)]);
        var several = NewIngress(null);
        DefaultIngressClassAdmission.Apply(several, [Class("old", true, ageMinutes: 60), Class("new", true, ageMinutes: 1)]);

        Assert.Null(none.Spec!.IngressClassName);
        Assert.Equal("new", several.Spec!.IngressClassName);
    }
}
