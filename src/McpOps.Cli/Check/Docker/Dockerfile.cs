using System.Text;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Docker;

/// <summary>One instruction: its keyword (upper case), its arguments with continuations joined, and the line it starts on.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line);

/// <summary>One build stage: its FROM and the instructions after it.</summary>
internal sealed record DockerStage(DockerInstruction From, string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions);

/// <summary>
/// A Dockerfile split into instructions and stages, enough for policy rules: comments and blank
/// lines dropped, backslash continuations joined (comment lines inside them skipped, as BuildKit
/// does), heredoc bodies skipped. ARGs before the first FROM are the global defaults.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions)
    {
        Instructions = instructions;
        var stages = new List<DockerStage>();
        var global = new Dictionary<string, string?>(StringComparer.Ordinal);
        DockerInstruction? from = null;
        var body = new List<DockerInstruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (from is not null)
                {
                    stages.Add(MakeStage(from, body));
                }

                from = instruction;
                body = [];
            }
            else if (from is null)
            {
                if (instruction.Keyword == "ARG")
                {
                    foreach (var (name, value) in ParseArg(instruction.Arguments))
                    {
                        global[name] = value;
                    }
                }
            }
            else
            {
                body.Add(instruction);
            }
        }

        if (from is not null)
        {
            stages.Add(MakeStage(from, body));
        }

        Stages = stages;
        GlobalArgs = global;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>ARGs declared before the first FROM, with their defaults (null when none).</summary>
    public IReadOnlyDictionary<string, string?> GlobalArgs { get; }

    public static Dockerfile Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var instructions = new List<DockerInstruction>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var builder = new StringBuilder();
            var current = lines[i];
            while (true)
            {
                var trimmed = current.TrimEnd();
                if (trimmed.EndsWith('\\'))
                {
                    builder.Append(trimmed[..^1]).Append(' ');
                    i++;
                    while (i < lines.Length && (lines[i].Trim().StartsWith('#') || lines[i].Trim().Length == 0))
                    {
                        i++;
                    }

                    if (i >= lines.Length)
                    {
                        break;
                    }

                    current = lines[i];
                    continue;
                }

                builder.Append(trimmed);
                break;
            }

            var full = builder.ToString().Trim();
            var space = full.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : full[(space + 1)..].Trim();
            instructions.Add(new DockerInstruction(keyword, arguments, start));

            // Heredocs (RUN <<EOF ... EOF): skip their bodies.
            foreach (Match heredoc in HeredocPattern().Matches(arguments))
            {
                var end = heredoc.Groups["word"].Value;
                while (i + 1 < lines.Length && lines[i + 1].Trim() != end)
                {
                    i++;
                }

                i++;
            }
        }

        return new Dockerfile(instructions);
    }

    /// <summary>`ARG A=1 B` → (A, "1"), (B, null).</summary>
    public static IEnumerable<(string Name, string? Value)> ParseArg(string arguments)
    {
        foreach (var word in SplitWords(arguments))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            yield return eq < 0 ? (word, null) : (word[..eq], Unquote(word[(eq + 1)..]));
        }
    }

    /// <summary>`ENV A=1 B="x y"` or the legacy `ENV A 1` → names and values.</summary>
    public static IEnumerable<(string Name, string Value)> ParseEnv(string arguments)
    {
        var words = SplitWords(arguments);
        if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            var space = arguments.IndexOfAny([' ', '\t']);
            yield return (words[0], space < 0 ? "" : arguments[(space + 1)..].Trim());
            yield break;
        }

        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                yield return (word[..eq], Unquote(word[(eq + 1)..]));
            }
        }
    }

    /// <summary>Expands $VAR, ${VAR}, ${VAR:-default} and ${VAR:+alt}; unknown variables stay as written.</summary>
    public static string Expand(string text, Func<string, string?> lookup) =>
        VariablePattern().Replace(text, match =>
        {
            var name = match.Groups["name"].Success ? match.Groups["name"].Value : match.Groups["bare"].Value;
            var value = lookup(name);
            if (match.Groups["op"].Success)
            {
                var word = match.Groups["word"].Value;
                return match.Groups["op"].Value == ":-"
                    ? string.IsNullOrEmpty(value) ? word : value
                    : string.IsNullOrEmpty(value) ? "" : word;
            }

            return value ?? match.Value;
        });

    /// <summary>Words split on whitespace outside quotes; quotes are kept (values are unquoted by the caller).</summary>
    public static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                current.Append(c);
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static DockerStage MakeStage(DockerInstruction from, List<DockerInstruction> body)
    {
        var words = SplitWords(from.Arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var image = words.Count > 0 ? words[0] : "";
        var name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return new DockerStage(from, image, name, body);
    }

    [GeneratedRegex(@"<<-?(?<q>[""']?)(?<word>[A-Za-z_][A-Za-z0-9_]*)\k<q>")]
    private static partial Regex HeredocPattern();

    [GeneratedRegex(@"\$(?:\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\+)(?<word>[^}]*))?\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex VariablePattern();
}
