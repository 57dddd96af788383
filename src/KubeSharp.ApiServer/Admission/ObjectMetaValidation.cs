using System.Text.RegularExpressions;
using KubeSharp.Api;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Admission;

/// <summary>Kubernetes' validation of names, labels, annotations and the rest of ObjectMeta, with its messages.</summary>
public static partial class ObjectMetaValidation
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035LabelRegex();

    public static IEnumerable<string> Dns1123Subdomain(string value)
    {
        if (value.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }

        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            yield return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        }
    }

    public static IEnumerable<string> Dns1123Label(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }

        if (!Dns1123LabelRegex().IsMatch(value))
        {
            yield return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
        }
    }

    public static IEnumerable<string> Dns1035Label(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }

        if (!Dns1035LabelRegex().IsMatch(value))
        {
            yield return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
        }
    }

    /// <summary>A name that is a path segment: not "." or "..", no '/' or '%'.</summary>
    public static IEnumerable<string> PathSegmentName(string value)
    {
        if (value is "." or "..")
        {
            yield return $"may not be '{value}'";
        }

        foreach (var bad in new[] { "/", "%" })
        {
            if (value.Contains(bad, StringComparison.Ordinal))
            {
                yield return $"may not contain '{bad}'";
            }
        }
    }

    /// <summary>A label or annotation key (optional DNS subdomain prefix and '/'); the selector package owns the rule.</summary>
    public static IEnumerable<string> QualifiedName(string value) => KubeSharp.Api.Selectors.LabelSyntax.LabelKeyErrors(value);

    public static IEnumerable<string> LabelValue(string value) => KubeSharp.Api.Selectors.LabelSyntax.LabelValueErrors(value);

    public static IEnumerable<FieldError> Labels(IReadOnlyDictionary<string, string>? labels, string path)
    {
        foreach (var (k, v) in labels ?? new Dictionary<string, string>())
        {
            foreach (var e in QualifiedName(k))
            {
                yield return FieldError.Invalid(path, k, e);
            }

            foreach (var e in LabelValue(v))
            {
                yield return FieldError.Invalid($"{path}", v, e);
            }
        }
    }

    public static IEnumerable<FieldError> Annotations(IReadOnlyDictionary<string, string>? annotations, string path)
    {
        long total = 0;
        foreach (var (k, v) in annotations ?? new Dictionary<string, string>())
        {
            foreach (var e in QualifiedName(k.ToLowerInvariant()))
            {
                yield return FieldError.Invalid(path, k, e);
            }

            total += k.Length + v.Length;
        }

        if (total > 256 * 1024)
        {
            yield return FieldError.TooLong(path, 256 * 1024);
        }
    }

    /// <summary>Validates metadata of an object about to be stored. <paramref name="nameRule"/> is the kind's name validation.</summary>
    public static IEnumerable<FieldError> Validate(ObjectMeta meta, bool namespaced, Func<string, IEnumerable<string>> nameRule)
    {
        if (string.IsNullOrEmpty(meta.Name))
        {
            yield return FieldError.Required("metadata.name", "name or generateName is required");
        }
        else
        {
            foreach (var e in nameRule(meta.Name))
            {
                yield return FieldError.Invalid("metadata.name", meta.Name, e);
            }
        }

        if (namespaced && string.IsNullOrEmpty(meta.Namespace))
        {
            yield return FieldError.Required("metadata.namespace");
        }

        foreach (var e in Labels(meta.Labels, "metadata.labels"))
        {
            yield return e;
        }

        foreach (var e in Annotations(meta.Annotations, "metadata.annotations"))
        {
            yield return e;
        }

        if (meta.Finalizers is { } finalizers)
        {
            foreach (var f in finalizers)
            {
                foreach (var e in QualifiedName(f))
                {
                    yield return FieldError.Invalid("metadata.finalizers", f, e);
                }
            }
        }

        if (meta.OwnerReferences is { } owners)
        {
            var i = 0;
            var controllers = 0;
            foreach (var o in owners)
            {
                if (string.IsNullOrEmpty(o.ApiVersion))
                {
                    yield return FieldError.Invalid($"metadata.ownerReferences[{i}].apiVersion", o.ApiVersion ?? "", "version must not be empty");
                }

                if (string.IsNullOrEmpty(o.Kind))
                {
                    yield return FieldError.Invalid($"metadata.ownerReferences[{i}].kind", o.Kind ?? "", "kind must not be empty");
                }

                if (string.IsNullOrEmpty(o.Name))
                {
                    yield return FieldError.Invalid($"metadata.ownerReferences[{i}].name", o.Name ?? "", "name must not be empty");
                }

                if (string.IsNullOrEmpty(o.Uid))
                {
                    yield return FieldError.Invalid($"metadata.ownerReferences[{i}].uid", o.Uid ?? "", "uid must not be empty");
                }

                if (o.Controller == true)
                {
                    controllers++;
                }

                i++;
            }

            if (controllers > 1)
            {
                yield return FieldError.Invalid("metadata.ownerReferences", "", "Only one reference can have Controller set to true");
            }
        }
    }
}
