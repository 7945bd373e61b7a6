using System.Text.RegularExpressions;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// Finds secret-looking values in what anyone who can pull an image can read: its Env, its
/// labels and its history (which records RUN commands with the build arguments in scope).
/// </summary>
public static partial class SecretScan
{
    public static IReadOnlyList<string> Find(ImageConfig image)
    {
        var findings = new List<string>();
        foreach (var (name, value) in image.Env)
        {
            if (value.Length > 0 && SecretName().IsMatch(name))
            {
                findings.Add($"env {name} has a value");
            }

            findings.AddRange(TokenShapes(value).Select(shape => $"env {name} looks like {shape}"));
        }

        foreach (var (name, value) in image.Labels)
        {
            if (value.Length > 0 && SecretName().IsMatch(name))
            {
                findings.Add($"label {name} has a value");
            }

            findings.AddRange(TokenShapes(value).Select(shape => $"label {name} looks like {shape}"));
        }

        foreach (var step in image.History)
        {
            foreach (Match assignment in SecretAssignment().Matches(step))
            {
                findings.Add($"history assigns {assignment.Groups["name"].Value}: {Truncate(step)}");
            }

            findings.AddRange(TokenShapes(step).Select(shape => $"history contains {shape}: {Truncate(step)}"));
        }

        return findings;
    }

    private static IEnumerable<string> TokenShapes(string value)
    {
        if (PrivateKey().IsMatch(value)) { yield return "a private key"; }
        if (KnownToken().Match(value) is { Success: true } token) { yield return $"a token ({token.Value[..4]}...)"; }
        if (Jwt().IsMatch(value)) { yield return "a JWT"; }
    }

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "...";

    private const string SecretWords = "TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?";

    [GeneratedRegex($"({SecretWords})", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // NAME=value where NAME is secret-like and value is neither empty nor a reference ($VAR).
    [GeneratedRegex($@"(?<![\w.-])(?<name>[A-Za-z0-9_.-]*({SecretWords})[A-Za-z0-9_.-]*)=(?![\s""']*(\$|$|\s))", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex("-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(\bAKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}|npm_[A-Za-z0-9]{36}|xox[abpr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})")]
    private static partial Regex KnownToken();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();
}
