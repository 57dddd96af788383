using System.Reflection;
using System.Text;
using System.Xml.Linq;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// The <c>/// &lt;summary&gt;</c> texts of KubeSharp.Api, read from the KubeSharp.Api.xml file the build
/// places next to the assembly. Missing file = no descriptions (the documents stay valid).
/// </summary>
internal sealed class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries)
    {
        _summaries = summaries;
    }

    public static XmlDocumentation Empty { get; } = new([]);

    /// <summary>Loads the documentation file of the assembly that defines the API types.</summary>
    public static XmlDocumentation ForApiAssembly()
    {
        var assembly = typeof(KubernetesObject).Assembly;
        var fileName = assembly.GetName().Name + ".xml";
        foreach (var directory in new[] { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(directory))
            {
                continue;
            }

            var path = Path.Combine(directory, fileName);
            if (File.Exists(path))
            {
                return Load(path);
            }
        }

        return Empty;
    }

    public static XmlDocumentation Load(string path)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        var document = XDocument.Load(path);
        foreach (var member in document.Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is null || summary is null)
            {
                continue;
            }

            var text = PlainText(summary);
            if (text.Length > 0)
            {
                summaries[name] = text;
            }
        }

        return new XmlDocumentation(summaries);
    }

    public string? Of(Type type) => _summaries.GetValueOrDefault("T:" + MemberTypeName(type));

    public string? Of(PropertyInfo property) =>
        _summaries.GetValueOrDefault("P:" + MemberTypeName(property.DeclaringType!) + "." + property.Name);

    private static string MemberTypeName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>Summary markup as prose: cref targets by their simple name, whitespace collapsed.</summary>
    private static string PlainText(XElement summary)
    {
        var builder = new StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" or "paramref" or "typeparamref" } element when !element.Nodes().Any():
                    var target = element.Attribute("cref")?.Value ?? element.Attribute("name")?.Value ?? element.Attribute("langword")?.Value ?? "";
                    var colon = target.IndexOf(':', StringComparison.Ordinal);
                    target = colon >= 0 ? target[(colon + 1)..] : target;
                    builder.Append(target[(target.LastIndexOf('.') + 1)..]);
                    break;
                default:
                    break;
            }
        }

        return string.Join(' ', builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
