using System.Text;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Suppressions;

/// <summary>A workspace path glob: `**` spans folders, `*` and `?` stay within one; the whole path must match.</summary>
internal sealed class PathGlob(string pattern)
{
    private readonly Regex _regex = Build(pattern);

    public string Pattern { get; } = pattern;

    public bool Matches(string path) => _regex.IsMatch(path);

    private static Regex Build(string pattern)
    {
        var regex = new StringBuilder("^");
        var p = pattern.TrimStart('/');
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                i++;
                if (i + 1 < p.Length && p[i + 1] == '/')
                {
                    i++;
                    regex.Append("(.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (p[i] == '*')
            {
                regex.Append("[^/]*");
            }
            else if (p[i] == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(p[i].ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
