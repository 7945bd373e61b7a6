using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Repository;

/// <summary>
/// REPO001-003 over every file git would commit (or every file, outside a git checkout), except
/// node_modules, dist, bin, obj and .git: committed .env files, private keys, token-shaped strings.
/// </summary>
internal sealed partial class RepositoryRules : ICheckAnalyzer
{
    private const int MaxScannedBytes = 1024 * 1024;

    private static readonly HashSet<string> AllowedEnvFiles = new(StringComparer.Ordinal) { ".env.example", ".env.sample", ".env.template", ".env.dist" };

    private static readonly (string Kind, Regex Pattern)[] TokenPatterns =
    [
        ("GitHub personal access token", GitHubToken()),
        ("GitHub fine-grained token", GitHubFineGrained()),
        ("AWS access key id", AwsKey()),
        ("Slack token", SlackToken()),
        ("Google API key", GoogleApiKey()),
    ];

    public void Run(CheckContext context)
    {
        foreach (var path in context.Files.Paths.Where(context.InScope))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            if ((name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal)) && !AllowedEnvFiles.Contains(name))
            {
                context.Add(Rules.RepositoryEnvFile, path, 1, $"{name} is committed: environment files hold local secrets.");
            }

            var text = context.Files.Read(path);
            if (text is null || text.Length > MaxScannedBytes || text.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            Scan(context, path, text);
        }
    }

    private static void Scan(CheckContext context, string path, string text)
    {
        TextLines? lines = null;
        int LineOf(int index) => (lines ??= context.Lines(path)!).LineOf(index);

        foreach (Match m in PrivateKey().Matches(text))
        {
            context.Add(Rules.RepositoryPrivateKey, path, LineOf(m.Index), $"a private key (`{m.Value}`).");
        }

        foreach (var (kind, pattern) in TokenPatterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                context.Add(Rules.RepositoryToken, path, LineOf(m.Index), $"a {kind} ({Redact(m.Value)}).");
            }
        }

        // The pattern starts at the name's suffix (fast to find); the full name is read backwards.
        foreach (Match m in SecretAssignment().Matches(text))
        {
            var value = m.Groups["value"].Value;
            if (LooksLikeSecretValue(value) && !TokenPatterns.Any(t => t.Pattern.IsMatch(value)) && !SecretVersionSuffix().IsMatch(text, m.Index + m.Length))
            {
                var start = m.Index;
                while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
                {
                    start--;
                }

                var name = text[start..(m.Index + m.Groups["suffix"].Length)];
                context.Add(Rules.RepositoryToken, path, LineOf(m.Index), $"{name} is assigned a high-entropy literal ({Redact(value)}).");
            }
        }
    }

    /// <summary>Long, varied and not a placeholder, path, URL or reference to something else.</summary>
    private static bool LooksLikeSecretValue(string value)
    {
        if (value.Length < 16 || value.Contains('$', StringComparison.Ordinal) || value.Contains('/', StringComparison.Ordinal)
            || value.Contains('<', StringComparison.Ordinal) || value.Contains('{', StringComparison.Ordinal) || value.Contains('(', StringComparison.Ordinal))
        {
            return false;
        }

        var lower = value.ToLowerInvariant();
        if (lower.Contains("example", StringComparison.Ordinal) || lower.Contains("changeme", StringComparison.Ordinal)
            || lower.Contains("placeholder", StringComparison.Ordinal) || lower.Contains("xxxx", StringComparison.Ordinal)
            || lower.Contains("dummy", StringComparison.Ordinal) || lower.Contains("your", StringComparison.Ordinal))
        {
            return false;
        }

        var classes = (value.Any(char.IsAsciiLetterLower) ? 1 : 0) + (value.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (value.Any(char.IsAsciiDigit) ? 1 : 0);
        return classes >= 2 && Entropy(value) >= 3.5;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    private static double Entropy(string value) =>
        -value.GroupBy(c => c).Select(g => (double)g.Count() / value.Length).Sum(p => p * Math.Log2(p));

    private static string Redact(string value) => value.Length <= 8 ? "****" : value[..4] + new string('*', Math.Min(8, value.Length - 4));

    /// <summary>`NAME:VERSION` after the value: a Secret Manager reference (`--set-secrets KEY=billing-auth-token:3`), not a secret.</summary>
    [GeneratedRegex(@"\G:(?:[0-9]+|latest)\b")]
    private static partial Regex SecretVersionSuffix();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{60,}\b")]
    private static partial Regex GitHubFineGrained();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\bxox[bpas]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}\b")]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<suffix>_TOKEN|_SECRET|_KEY|PASSWORD|PASSWD)\b[""']?[ \t]*[:=][ \t]*[""']?(?<value>[A-Za-z0-9+_.=~-]{16,})", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();
}
