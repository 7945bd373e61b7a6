using System.Text.RegularExpressions;

namespace McpOps.Cli.Check;

/// <summary>
/// Names that hold secrets, as BuildKit's SecretsUsedInArgOrEnv check sees them: a word (between
/// underscores) such as TOKEN, SECRET, PASSWORD, KEY, AUTH or CREDENTIALS, unless a word says it
/// is only a pointer to one (PUBLIC, FILE, FILENAME, PATH: POSTGRES_PASSWORD_FILE is fine).
/// </summary>
internal static partial class SecretNames
{
    public static bool IsSecret(string name) => Deny().IsMatch(name) && !Allow().IsMatch(name);

    [GeneratedRegex(@"(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Deny();

    [GeneratedRegex(@"(?:_|^)(?:public|file|filename|path)(?:_|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Allow();
}
