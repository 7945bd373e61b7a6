using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// The lines between a `mcpops:begin NAME` and a `mcpops:end NAME` marker line. Only those lines are
/// ever rewritten; every other byte of the file is kept. Generated lines take the indentation of the
/// begin marker. A missing, repeated or reversed marker is an error that says what to add where:
/// guessing where a block belongs in a hand-edited file would be worse than stopping.
/// </summary>
internal static class MarkedBlock
{
    public static IReadOnlyList<string> Read(string path, string content, CommentStyle style, string block, string hint)
    {
        var lines = SplitLines(content);
        var (begin, end) = Locate(path, lines, style, block, hint);
        return lines[(begin + 1)..end];
    }

    /// <summary>Returns <paramref name="content"/> with the block's inner lines replaced by <paramref name="inner"/> (unindented).</summary>
    public static string Replace(string path, string content, CommentStyle style, string block, IReadOnlyList<string> inner, string hint)
    {
        var newline = content.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = SplitLines(content);
        var (begin, end) = Locate(path, lines, style, block, hint);
        var beginLine = lines[begin];
        var indent = beginLine[..(beginLine.Length - beginLine.TrimStart().Length)];
        var replaced = lines[..(begin + 1)]
            .Concat(inner.Select(line => line.Length == 0 ? line : indent + line))
            .Concat(lines[end..]);
        return string.Join(newline, replaced);
    }

    private static string[] SplitLines(string content) => content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    private static (int Begin, int End) Locate(string path, string[] lines, CommentStyle style, string block, string hint)
    {
        var beginMarker = style.Begin(block);
        var endMarker = style.End(block);
        var begins = Indexes(lines, beginMarker);
        var ends = Indexes(lines, endMarker);
        var pair = $"`{beginMarker}` and `{endMarker}`";

        if (begins.Count == 1 && ends.Count == 1 && begins[0] < ends[0])
        {
            return (begins[0], ends[0]);
        }

        var problem = (begins.Count, ends.Count) switch
        {
            (0, 0) => "has no mcpops markers for its " + block,
            (0, _) => $"has `{endMarker}` (line {ends[0] + 1}) but no `{beginMarker}`",
            (_, 0) => $"has `{beginMarker}` (line {begins[0] + 1}) but no `{endMarker}`",
            (1, 1) => $"has `{endMarker}` (line {ends[0] + 1}) before `{beginMarker}` (line {begins[0] + 1})",
            _ => $"has the markers for {block} more than once (lines {string.Join(", ", begins.Concat(ends).Order().Select(i => i + 1))})",
        };
        throw new WorkspaceException($"{path}: {problem}. Put {pair}, each on a line of its own, {hint}; mcpops sync fills the lines between them.");
    }

    private static List<int> Indexes(string[] lines, string marker) =>
        [.. lines.Select((line, index) => (line, index)).Where(x => x.line.Trim() == marker).Select(x => x.index)];
}
