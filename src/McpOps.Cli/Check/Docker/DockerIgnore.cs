using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Docker;

/// <summary>
/// A .dockerignore as BuildKit reads it (moby/patternmatcher): one pattern a line, `#` comments,
/// `!` re-includes, a leading `/` is dropped, `**` spans folders, and a pattern that matches a
/// folder excludes everything in it. The last pattern that matches a path decides.
/// </summary>
internal sealed class DockerIgnore
{
    // Every module's Dockerfile.dockerignore repeats the same patterns: build each regex once.
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private readonly List<(Regex Pattern, bool Exclusion)> _patterns = [];

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

            _patterns.Add((Compiled.GetOrAdd(line, ToRegex), exclusion));
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

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        regex.Append("(.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                    }
                    else
                    {
                        var body = pattern[(i + 1)..close];
                        regex.Append('[').Append(body.StartsWith('^') || body.StartsWith('!') ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                        i = close;
                    }

                    break;
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
