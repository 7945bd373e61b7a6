using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Modules;

/// <summary>
/// What a module may be called. The name becomes a folder, an npm package (@scope/&lt;name&gt;-mcp), an
/// image, a Railway service, a Kubernetes object and a Cloud Run service (at most 49 characters,
/// with room kept for a "-mcp" suffix), so it must be a lowercase DNS-1123 label that starts with a
/// letter (Cloud Run and JavaScript identifiers both need that).
/// </summary>
internal static partial class ModuleName
{
    public const int CloudRunServiceNameLimit = 49;
    public const string SuffixBudget = "-mcp";
    public const int MaxLength = CloudRunServiceNameLimit - 4;

    public const string Rule = "lowercase letters, digits and '-', starting with a letter and not ending with '-'";

    /// <summary>Folder names the workspace or its tools already use, or that would read as one of them.</summary>
    public static readonly FrozenSet<string> Reserved = FrozenSet.Create(
        StringComparer.Ordinal,
        "_shared", "_template", "shared", "template", "infra", "mcp", "mcp-core",
        "modules", "node_modules", "node-modules", "dist");

    public static bool IsDnsLabel(string name) => DnsLabel().IsMatch(name);

    /// <summary>Null when <paramref name="name"/> is acceptable, otherwise why not (one sentence).</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0)
        {
            return "the module name is empty.";
        }

        if (Reserved.Contains(name))
        {
            return $"'{name}' is reserved (reserved names: {string.Join(", ", Reserved.Order(StringComparer.Ordinal))}).";
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return $"'{name}' is a path; a module name is a single folder name ({Rule}).";
        }

        if (name.Any(char.IsWhiteSpace))
        {
            return $"'{name}' contains whitespace; use '-' between words, e.g. '{Suggest(name)}'.";
        }

        if (name.Any(char.IsUpper))
        {
            return $"'{name}' contains uppercase letters; module names are lowercase, e.g. '{Suggest(name)}'.";
        }

        if (name.Length > MaxLength)
        {
            return $"'{name}' is {name.Length} characters long; at most {MaxLength} fit a Cloud Run service name ({CloudRunServiceNameLimit}) with the '{SuffixBudget}' suffix.";
        }

        return IsDnsLabel(name) ? null : $"'{name}' is not a valid module name: {Rule}.";
    }

    private static string Suggest(string name)
    {
        var dashed = SplitWords().Replace(name.Trim(), "$1-$2").ToLowerInvariant();
        return NonDns().Replace(dashed, "-").Trim('-');
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SplitWords();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonDns();
}
