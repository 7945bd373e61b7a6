using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Docker;

/// <summary>
/// One cleaned .dockerignore pattern as a regular expression (`*`, `?`, `[...]`, `**` across folders).
/// Most patterns are a plain path (`modules/billing/mcp`) or `**/` and a plain name (`**/.env`): those
/// are compared as strings, which is what their expression does for a path without a line break;
/// `check` asks every module's file with 8 probe paths, so this skips most regex construction and matching.
/// A name with only `*` and `?` (`**/*.pem`, `*.log`) is matched against the path's last segment with
/// <see cref="FileSystemName.MatchesSimpleExpression(ReadOnlySpan{char}, ReadOnlySpan{char}, bool)"/>,
/// which is what its expression does there (`*` and `?` never match a `/`); the tests hold both to the same answers.
/// </summary>
internal sealed class DockerIgnorePattern
{
    // Every module's Dockerfile.dockerignore repeats the same patterns: build each regex once.
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private static readonly SearchValues<char> Wildcards = SearchValues.Create("*?[\\");
    private static readonly SearchValues<char> NotInSimpleName = SearchValues.Create("/[\\");

    private readonly string _pattern;

    /// <summary>The pattern, or what follows its `**/`, when it has no wildcard; else null.</summary>
    private readonly string? _literal;

    /// <summary>The pattern, or what follows its `**/`, when it is one name with `*` or `?` only; else null.</summary>
    private readonly string? _simpleName;

    /// <summary>The pattern starts with `**/`: the literal or simple name matches at any depth.</summary>
    private readonly bool _anyFolder;

    public DockerIgnorePattern(string pattern)
    {
        _pattern = pattern;
        _anyFolder = pattern.StartsWith("**/", StringComparison.Ordinal);
        var rest = _anyFolder ? pattern[3..] : pattern;
        _literal = rest.AsSpan().IndexOfAny(Wildcards) < 0 ? rest : null;
        _simpleName = _literal is null && rest.AsSpan().IndexOfAny(NotInSimpleName) < 0 && !rest.Contains("**", StringComparison.Ordinal) ? rest : null;
    }

    public bool IsMatch(string path)
    {
        if (path.Contains('\n', StringComparison.Ordinal)) // `$` and `.` treat a line break specially
        {
            return Compiled.GetOrAdd(_pattern, ToRegex).IsMatch(path);
        }

        if (_literal is not null)
        {
            return path == _literal || (_anyFolder && path.EndsWith(_literal, StringComparison.Ordinal) && path[^(_literal.Length + 1)] == '/');
        }

        // (An empty name, which MatchesSimpleExpression never matches, is left to the expression.)
        var slash = path.LastIndexOf('/');
        if (_simpleName is not null && slash < path.Length - 1)
        {
            return (_anyFolder || slash < 0) && FileSystemName.MatchesSimpleExpression(_simpleName, path.AsSpan(slash + 1), ignoreCase: false);
        }

        return Compiled.GetOrAdd(_pattern, ToRegex).IsMatch(path);
    }

    /// <summary>The pattern's regular expression (internal: the tests compare it with <see cref="IsMatch"/>).</summary>
    internal static Regex ToRegex(string pattern)
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
