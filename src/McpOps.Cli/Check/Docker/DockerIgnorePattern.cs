using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Docker;

/// <summary>
/// One cleaned .dockerignore pattern as a regular expression (`*`, `?`, `[...]`, `**` across folders).
/// Most patterns are a plain path (`modules/billing/mcp`) or `**/` and a plain name (`**/.env`): those
/// are compared as strings, which is what their expression does for a path without a line break;
/// `check` asks every module's file with 8 probe paths, so this skips most regex construction and matching.
/// </summary>
internal sealed class DockerIgnorePattern
{
    // Every module's Dockerfile.dockerignore repeats the same patterns: build each regex once.
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private static readonly SearchValues<char> Wildcards = SearchValues.Create("*?[\\");

    private readonly string _pattern;

    /// <summary>The pattern, or what follows its `**/`, when it has no wildcard; else null.</summary>
    private readonly string? _literal;

    /// <summary>The pattern starts with `**/`: the literal matches at any depth.</summary>
    private readonly bool _anyFolder;

    public DockerIgnorePattern(string pattern)
    {
        _pattern = pattern;
        _anyFolder = pattern.StartsWith("**/", StringComparison.Ordinal);
        var rest = _anyFolder ? pattern[3..] : pattern;
        _literal = rest.AsSpan().IndexOfAny(Wildcards) < 0 ? rest : null;
    }

    public bool IsMatch(string path) =>
        _literal is null || path.Contains('\n', StringComparison.Ordinal) // `$` and `.` treat a line break specially
            ? Compiled.GetOrAdd(_pattern, ToRegex).IsMatch(path)
            : path == _literal || (_anyFolder && path.EndsWith(_literal, StringComparison.Ordinal) && path[^(_literal.Length + 1)] == '/');

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
