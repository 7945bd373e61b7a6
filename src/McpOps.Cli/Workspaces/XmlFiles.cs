using System.Xml;
using System.Xml.Linq;

namespace McpOps.Cli.Workspaces;

/// <summary>Reads the workspace's MSBuild files; a parse error names the file, line and column.</summary>
internal static class XmlFiles
{
    public static XDocument Parse(string path, string text)
    {
        try
        {
            return XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new WorkspaceException(Describe(path, ex));
        }
    }

    /// <summary>`path:line:column: invalid XML: reason`, as editors expect.</summary>
    public static string Describe(string path, XmlException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" Line ", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut].TrimEnd(',', ' ');
        }

        return $"{path}:{Math.Max(ex.LineNumber, 1)}:{Math.Max(ex.LinePosition, 1)}: invalid XML: {reason}";
    }

    /// <summary>The first non-empty `&lt;Description&gt;` of any PropertyGroup, trimmed, or "".</summary>
    public static string Description(XDocument project) =>
        project.Root?.Elements().Where(e => e.Name.LocalName == "PropertyGroup")
            .SelectMany(group => group.Elements().Where(e => e.Name.LocalName == "Description"))
            .Select(e => e.Value.Trim())
            .FirstOrDefault(value => value.Length > 0) ?? "";
}
