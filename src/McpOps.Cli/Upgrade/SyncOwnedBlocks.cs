using System.Text.RegularExpressions;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// The lines between `mcpops:begin NAME` and `mcpops:end NAME` belong to `mcpops sync`, not to the
/// template nor the team. Before a file is merged, the blocks of the template's old and new output
/// get the workspace's block contents, so the merge never conflicts on them; sync's planner then
/// runs on the merged tree and writes every block as the modules require.
/// </summary>
internal static partial class SyncOwnedBlocks
{
    public static string AlignTo(string workspace, string template)
    {
        var wanted = Blocks(ThreeWayMerge.Lines(workspace));
        if (wanted.Count == 0)
        {
            return template;
        }

        var lines = ThreeWayMerge.Lines(template);
        var result = new List<string>(lines.Count);
        for (var index = 0; index < lines.Count; index++)
        {
            result.Add(lines[index]);
            if (Begin().Match(lines[index]) is { Success: true } begin
                && wanted.TryGetValue(begin.Groups["name"].Value, out var inner)
                && EndOf(lines, index, begin.Groups["name"].Value) is { } end)
            {
                result.AddRange(inner);
                index = end - 1;
            }
        }

        return string.Concat(result);
    }

    /// <summary>The text has at least one marked block (sync may have rewritten it since the template wrote it).</summary>
    public static bool HasBlocks(string text) => Blocks(ThreeWayMerge.Lines(text)).Count > 0;

    private static Dictionary<string, List<string>> Blocks(List<string> lines)
    {
        var blocks = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var index = 0; index < lines.Count; index++)
        {
            if (Begin().Match(lines[index]) is { Success: true } begin && EndOf(lines, index, begin.Groups["name"].Value) is { } end)
            {
                blocks.TryAdd(begin.Groups["name"].Value, lines[(index + 1)..end]);
                index = end;
            }
        }

        return blocks;
    }

    private static int? EndOf(List<string> lines, int begin, string name)
    {
        for (var index = begin + 1; index < lines.Count; index++)
        {
            if (End().Match(lines[index]) is { Success: true } end && end.Groups["name"].Value == name)
            {
                return index;
            }
        }

        return null;
    }

    // A marker is a line of its own, as CommentStyle writes it (prose that mentions one is not a block).
    [GeneratedRegex(@"^\s*(//|#|<!--) mcpops:begin (?<name>[^\s]+?)( -->)?\s*$")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*(//|#|<!--) mcpops:end (?<name>[^\s]+?)( -->)?\s*$")]
    private static partial Regex End();
}
