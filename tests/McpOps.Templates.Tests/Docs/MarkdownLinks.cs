using System.Text;
using System.Text.RegularExpressions;

namespace McpOps.Templates.Tests.Docs;

/// <summary>
/// The links of a markdown file as GitHub renders them (fenced code and inline code are not
/// links), and the anchors its headings get (GitHub's slugs: lower case, punctuation dropped,
/// spaces to hyphens, repeats numbered).
/// </summary>
public static partial class MarkdownLinks
{
    [GeneratedRegex(@"^(```|~~~).*?^\1[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\[[^\]\n]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    public static IEnumerable<string> Targets(string markdown)
    {
        var prose = InlineCode().Replace(FencedBlock().Replace(markdown, ""), "");
        return Link().Matches(prose).Select(m => m.Groups["target"].Value);
    }

    public static IReadOnlySet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var withoutCode = FencedBlock().Replace(markdown, "");
        foreach (Match heading in Heading().Matches(withoutCode))
        {
            var slug = Slug(heading.Groups["text"].Value);
            var candidate = slug;
            for (var n = 1; !anchors.Add(candidate); n++)
            {
                candidate = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    private static string Slug(string heading)
    {
        var text = new StringBuilder();
        foreach (var c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                text.Append(c);
            }
            else if (c == ' ')
            {
                text.Append('-');
            }
        }

        return text.ToString();
    }
}
