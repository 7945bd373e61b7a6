namespace McpOps.Cli.Check.Docker;

/// <summary>
/// A .dockerignore as BuildKit reads it (moby/patternmatcher): one pattern a line, `#` comments,
/// `!` re-includes, a leading `/` is dropped, `**` spans folders, and a pattern that matches a
/// folder excludes everything in it. The last pattern that matches a path decides.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(DockerIgnorePattern Pattern, bool Exclusion)> _patterns = [];

    public DockerIgnore(string text)
    {
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclusion = line.StartsWith('!');
            if (exclusion)
            {
                line = line[1..].Trim();
            }

            line = Clean(line);
            if (line.Length == 0)
            {
                continue;
            }

            _patterns.Add((new DockerIgnorePattern(line), exclusion));
        }
    }

    /// <summary>True when <paramref name="path"/> (relative to the context, '/') is left out of the build context.</summary>
    public bool Excludes(string path)
    {
        // The path and each folder above it (a pattern matching a folder excludes what is in it).
        var candidates = new List<string>();
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            candidates.Add(path[..slash]);
        }

        candidates.Add(path);

        // The last pattern that matches decides, so look from the end and stop at the first match
        // (every module's file has some 25 patterns, probed with 8 paths).
        for (var i = _patterns.Count - 1; i >= 0; i--)
        {
            var (pattern, exclusion) = _patterns[i];
            foreach (var candidate in candidates)
            {
                if (pattern.IsMatch(candidate))
                {
                    return !exclusion;
                }
            }
        }

        return false;
    }

    private static string Clean(string pattern)
    {
        var parts = pattern.Split('/').Where(p => p.Length > 0 && p != ".").ToList();
        return string.Join('/', parts);
    }
}
