using System.Text;
using DiffPlex;

namespace McpOps.Cli.Upgrade;

/// <summary>The outcome of merging one file: its text, and how many conflict regions it holds (0: clean).</summary>
internal sealed record MergeResult(string Text, int Conflicts);

/// <summary>
/// A line-based three-way merge (diff3): base is what the old pack wrote, theirs is the workspace
/// today, ours is what the new pack writes. Each side is diffed against base (DiffPlex, Myers);
/// a change made on one side only is taken, the same change made on both sides is taken once, and
/// different changes to overlapping (or touching) base lines are a conflict written with standard
/// markers, as git and GNU diff3 write them. Lines are compared with their line ending normalised
/// to \n; the result uses the workspace file's line ending, so a CRLF checkout stays CRLF. A missing
/// final newline is part of the last line, so it is kept or changed like any other edit.
/// </summary>
internal static class ThreeWayMerge
{
    public static MergeResult Merge(string baseText, string theirs, string ours, string theirsLabel, string baseLabel, string oursLabel)
    {
        var newline = theirs.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var baseLines = Lines(baseText);
        var theirLines = Lines(theirs);
        var ourLines = Lines(ours);
        var hunks = Hunks(baseLines, theirLines, Side.Theirs)
            .Concat(Hunks(baseLines, ourLines, Side.Ours))
            .OrderBy(h => h.BaseStart).ThenBy(h => h.BaseEnd).ThenBy(h => h.Side)
            .ToList();

        var output = new List<string>();
        var conflicts = 0;
        var position = 0;
        var next = 0;
        while (next < hunks.Count)
        {
            // A group: hunks whose base ranges overlap or touch, from either side.
            var group = new List<Hunk> { hunks[next++] };
            var start = group[0].BaseStart;
            var end = group[0].BaseEnd;
            while (next < hunks.Count && hunks[next].BaseStart <= end)
            {
                end = Math.Max(end, hunks[next].BaseEnd);
                group.Add(hunks[next++]);
            }

            output.AddRange(baseLines.Skip(position).Take(start - position));
            var theirPart = SideRange(group, Side.Theirs, start, end, baseLines, theirLines);
            var ourPart = SideRange(group, Side.Ours, start, end, baseLines, ourLines);
            var theirsChanged = group.Any(h => h.Side == Side.Theirs);
            var oursChanged = group.Any(h => h.Side == Side.Ours);
            if (!oursChanged || theirPart.SequenceEqual(ourPart, StringComparer.Ordinal))
            {
                output.AddRange(theirPart);
            }
            else if (!theirsChanged)
            {
                output.AddRange(ourPart);
            }
            else
            {
                conflicts++;
                output.Add("<<<<<<< " + theirsLabel + "\n");
                AddTerminated(output, theirPart);
                output.Add("||||||| " + baseLabel + "\n");
                AddTerminated(output, baseLines.Skip(start).Take(end - start).ToList());
                output.Add("=======\n");
                AddTerminated(output, ourPart);
                output.Add(">>>>>>> " + oursLabel + "\n");
            }

            position = end;
        }

        output.AddRange(baseLines.Skip(position));
        var text = string.Concat(output);
        return new MergeResult(newline == "\n" ? text : text.Replace("\n", "\r\n", StringComparison.Ordinal), conflicts);
    }

    /// <summary>The lines of <paramref name="text"/>, each with its \n (the last one may have none); \r\n counts as \n.</summary>
    public static List<string> Lines(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = new List<string>();
        var start = 0;
        while (start < normalised.Length)
        {
            var newline = normalised.IndexOf('\n', start);
            var end = newline < 0 ? normalised.Length : newline + 1;
            lines.Add(normalised[start..end]);
            start = end;
        }

        return lines;
    }

    private static IEnumerable<Hunk> Hunks(List<string> baseLines, List<string> side, Side which)
    {
        var diff = Differ.Instance.CreateDiffs(string.Concat(baseLines), string.Concat(side), ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        return diff.DiffBlocks.Select(b => new Hunk(which, b.DeleteStartA, b.DeleteStartA + b.DeleteCountA, b.InsertStartB, b.InsertStartB + b.InsertCountB));
    }

    /// <summary>The lines of one side that stand where base has [start, end): outside its hunks a side equals base, shifted.</summary>
    private static List<string> SideRange(List<Hunk> group, Side which, int start, int end, List<string> baseLines, List<string> sideLines)
    {
        var hunks = group.Where(h => h.Side == which).ToList();
        if (hunks.Count == 0)
        {
            return baseLines.Skip(start).Take(end - start).ToList();
        }

        var from = hunks[0].SideStart - (hunks[0].BaseStart - start);
        var to = hunks[^1].SideEnd + (end - hunks[^1].BaseEnd);
        return sideLines.Skip(from).Take(to - from).ToList();
    }

    /// <summary>A marker must start a line: a section whose last line has no newline gets one.</summary>
    private static void AddTerminated(List<string> output, List<string> lines)
    {
        output.AddRange(lines);
        if (lines.Count > 0 && !lines[^1].EndsWith('\n'))
        {
            output[^1] += "\n";
        }
    }

    private enum Side
    {
        Theirs,
        Ours,
    }

    private sealed record Hunk(Side Side, int BaseStart, int BaseEnd, int SideStart, int SideEnd);

    /// <summary>Splits into lines that keep their "\n", so a missing final newline is a difference.</summary>
    private sealed class LineChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => Lines(text);
    }
}
