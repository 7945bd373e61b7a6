using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// A C# module's link to mcp-core-dotnet: exactly one
/// `&lt;ProjectReference Include="../../../../_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj" /&gt;`
/// in its server project. A reference that resolves to that file (also written with '\' or './') is
/// right and kept as written; one to McpOps.McpCore.csproj elsewhere gets the right path; further
/// references to it are removed; a missing one is added. Edits are made on the text, so comments,
/// layout and everything else in the project file stay as they are; a right file is returned
/// unchanged, byte for byte.
/// </summary>
internal static partial class CSharpCoreWiring
{
    private const string CoreFileName = "McpOps.McpCore.csproj";

    /// <summary>The Include a server project at modules/&lt;name&gt;/mcp/src/&lt;Project&gt;/ uses (as the template writes it).</summary>
    public static string ReferencePath(string serverProject) =>
        RelativePath(serverProject[..serverProject.LastIndexOf('/')], Workspace.McpCoreDotnetProject);

    public static bool HasReference(string path, string text)
    {
        var references = CoreReferences(path, text);
        return references.Count == 1 && references[0].Resolves;
    }

    public static string EnsureReference(string path, string text)
    {
        var references = CoreReferences(path, text);
        if (references.Count == 1 && references[0].Resolves)
        {
            return text;
        }

        var expected = ReferencePath(path);
        if (references.Count == 0)
        {
            return Insert(path, text, expected);
        }

        var keep = references.FirstOrDefault(r => r.Resolves) ?? references[0];
        var edits = new List<(int Start, int Length, string Replacement)>();
        foreach (var reference in references)
        {
            if (reference == keep)
            {
                if (!reference.Resolves)
                {
                    edits.Add((reference.ValueStart, reference.ValueLength, XmlAttribute(expected)));
                }
            }
            else
            {
                edits.Add(WholeLines(text, reference.ElementStart, reference.ElementLength));
            }
        }

        var result = new StringBuilder(text);
        foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
        {
            result.Remove(start, length).Insert(start, replacement);
        }

        return result.ToString();
    }

    /// <summary>Every ProjectReference whose Include names McpOps.McpCore.csproj, in document order.</summary>
    private static List<CoreReference> CoreReferences(string path, string text) =>
        [.. Scan(path, text).References.Where(r => r.FileName.Equals(CoreFileName, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Every ProjectReference with an Include, and the end tags of ItemGroups that have no items.</summary>
    private static (List<CoreReference> References, List<int> EmptyItemGroupEnds) Scan(string path, string text)
    {
        var lineStarts = LineStarts(text);
        var found = new List<CoreReference>();
        var emptyGroupEnds = new List<int>();
        var projectFolder = path[..path.LastIndexOf('/')];
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            var info = (IXmlLineInfo)reader;
            var openGroupIsEmpty = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "ItemGroup" && reader.Depth == 1)
                {
                    openGroupIsEmpty = !reader.IsEmptyElement;
                    continue;
                }

                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "ItemGroup" && reader.Depth == 1)
                {
                    if (openGroupIsEmpty)
                    {
                        // LinePosition points at the name, two after "</".
                        emptyGroupEnds.Add(Offset(lineStarts, info.LineNumber, info.LinePosition) - 2);
                    }

                    openGroupIsEmpty = false;
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2)
                {
                    openGroupIsEmpty = false;
                }

                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "ProjectReference")
                {
                    continue;
                }

                // LinePosition points at the name, one after '<'.
                var elementStart = Offset(lineStarts, info.LineNumber, info.LinePosition) - 1;
                if (!reader.MoveToAttribute("Include"))
                {
                    continue;
                }

                var include = reader.Value;
                var attribute = IncludeAttribute().Match(text, Offset(lineStarts, info.LineNumber, info.LinePosition));
                var element = Element().Match(text, elementStart);
                if (!attribute.Success || !element.Success)
                {
                    throw new WorkspaceException($"{path}:{info.LineNumber}:{info.LinePosition}: cannot read this ProjectReference's Include; write it as Include=\"...\".");
                }

                var normalised = include.Replace('\\', '/');
                var resolves = !include.Contains("$(", StringComparison.Ordinal)
                    && Resolve(projectFolder, normalised) == Workspace.McpCoreDotnetProject;
                found.Add(new CoreReference(
                    normalised[(normalised.LastIndexOf('/') + 1)..],
                    resolves,
                    elementStart,
                    element.Length,
                    attribute.Groups["value"].Index,
                    attribute.Groups["value"].Length));
            }
        }
        catch (XmlException ex)
        {
            throw new WorkspaceException(XmlFiles.Describe(path, ex));
        }

        return (found, emptyGroupEnds);
    }

    /// <summary>
    /// Adds the reference after the last ProjectReference of the file, else into the first ItemGroup
    /// that has no items (the template's, emptied by hand), else in a new ItemGroup before &lt;/Project&gt;.
    /// </summary>
    private static string Insert(string path, string text, string include)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var element = $"<ProjectReference Include=\"{XmlAttribute(include)}\" />";
        var (references, emptyGroupEnds) = Scan(path, text);
        if (references.Count > 0)
        {
            var last = references[^1];
            var indent = IndentBefore(text, last.ElementStart);
            var end = last.ElementStart + last.ElementLength;
            return indent is null ? text.Insert(end, " " + element) : text.Insert(end, newline + indent + element);
        }

        if (emptyGroupEnds.Count > 0)
        {
            var groupEnd = emptyGroupEnds[0];
            var indent = IndentBefore(text, groupEnd);
            return indent is null
                ? text.Insert(groupEnd, element)
                : text.Insert(LineStart(text, groupEnd), indent + "  " + element + newline);
        }

        var close = text.LastIndexOf("</Project>", StringComparison.Ordinal);
        if (close < 0)
        {
            throw new WorkspaceException($"{path}: not an MSBuild project (no </Project>); restore it from the mcp-module template.");
        }

        var group = string.Join(newline,
            "  <ItemGroup>",
            "    <!-- The shared runtime of the workspace; `mcpops sync` keeps this path in step. -->",
            "    " + element,
            "  </ItemGroup>") + newline;
        return IndentBefore(text, close) is null
            ? text.Insert(close, newline + group)
            : text.Insert(LineStart(text, close), group);
    }

    private static int LineStart(string text, int offset) => offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;

    /// <summary>The whitespace between the start of the line and <paramref name="offset"/>, or null when there is more on the line.</summary>
    private static string? IndentBefore(string text, int offset)
    {
        var before = text[LineStart(text, offset)..offset];
        return before.Trim().Length == 0 ? before : null;
    }

    /// <summary>The span of an element, widened to its whole line(s) when nothing else is on them.</summary>
    private static (int Start, int Length, string Replacement) WholeLines(string text, int start, int length)
    {
        var end = start + length;
        var lineStart = LineStart(text, start);
        var lineEnd = text.IndexOf('\n', end);
        lineEnd = lineEnd < 0 ? text.Length : lineEnd + 1;
        var before = text[lineStart..start];
        var after = text[end..lineEnd];
        return before.Trim().Length == 0 && after.Trim().Length == 0
            ? (lineStart, lineEnd - lineStart, "")
            : (start, length, "");
    }

    /// <summary>Joins <paramref name="relative"/> onto <paramref name="folder"/> and folds '.' and '..' (null above the root).</summary>
    private static string? Resolve(string folder, string relative)
    {
        if (relative.StartsWith('/') || (relative.Length > 1 && relative[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static string RelativePath(string fromFolder, string to)
    {
        var from = fromFolder.Split('/');
        var target = to.Split('/');
        var common = 0;
        while (common < from.Length && common < target.Length - 1 && from[common] == target[common])
        {
            common++;
        }

        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(target[common..]));
    }

    private static string XmlAttribute(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            // XmlReader counts \r\n, \r and \n each as one line break.
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static int Offset(int[] lineStarts, int line, int position) => lineStarts[line - 1] + position - 1;

    [GeneratedRegex("""\GInclude\s*=\s*(?<q>["'])(?<value>(?:(?!\k<q>).)*)\k<q>""")]
    private static partial Regex IncludeAttribute();

    [GeneratedRegex("""\G<ProjectReference\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|(?<!/)>.*?</ProjectReference\s*>)""", RegexOptions.Singleline)]
    private static partial Regex Element();

    private sealed record CoreReference(string FileName, bool Resolves, int ElementStart, int ElementLength, int ValueStart, int ValueLength);
}
