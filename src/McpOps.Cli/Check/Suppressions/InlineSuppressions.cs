using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Suppressions;

/// <summary>
/// `# mcpops-check-disable-next-line RULE[, RULE]: reason` (or `//`, `&lt;!--`, `/*` comments) suppresses
/// those rules on the next line of the same file. Markdown files are not read for these comments,
/// so documentation can show the syntax.
/// </summary>
internal static partial class InlineSuppressions
{
    public const string Marker = "mcpops-check-disable-next-line";

    public static IReadOnlyList<SuppressionEntry> Read(CheckContext context)
    {
        var entries = new List<SuppressionEntry>();
        foreach (var path in context.Files.Paths.Where(p => context.InScope(p) && !p.EndsWith(".md", StringComparison.OrdinalIgnoreCase)))
        {
            var text = context.Files.Read(path);
            if (text is null || !text.Contains(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            var lines = context.Lines(path)!;
            foreach (Match m in Comment().Matches(text))
            {
                var line = lines.LineOf(m.Index);
                var ids = m.Groups["ids"].Success
                    ? m.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [""];
                entries.Add(new SuppressionEntry(SuppressionKind.Inline, ids, path, line, m.Groups["reason"].Value.Trim(), null, line + 1));
            }
        }

        return entries;
    }

    [GeneratedRegex(@"(?:#|//|<!--|/\*)[ \t]*mcpops-check-disable-next-line(?:[ \t]+(?<ids>[A-Za-z0-9_]+(?:[ \t]*,[ \t]*[A-Za-z0-9_]+)*))?[ \t]*(?::(?<reason>[^\r\n]*?))?[ \t]*(?:-->|\*/)?[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
