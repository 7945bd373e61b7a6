using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Modules;

/// <summary>
/// The one module-name rule. A valid name is exactly what <see cref="Normalise"/> returns for it: the
/// mcp-module templates derive their folder name with the same steps (the `moduleFolderName` form of
/// each template.json), so a name mcpops accepts the template writes identically, and a name mcpops
/// refuses the template never produces (it writes the normalised one). Every name derived from it
/// (<see cref="ModuleNames"/>) fits each platform's limits; the tightest is the GCP service account id
/// `&lt;name&gt;-mcp` (6-30 characters), hence 2 to <see cref="MaxLength"/> characters.
/// </summary>
internal static partial class ModuleName
{
    public const int MinLength = 2;

    /// <summary>GCP service-account ids are 6-30 characters; the default runtime account is `&lt;name&gt;-mcp`.</summary>
    public const int MaxLength = ServiceAccountIdLimit - 4;

    public const int ServiceAccountIdLimit = 30;

    public const string Rule = "2-26 lowercase letters, digits and single '-', starting with a letter and not ending with '-'";

    /// <summary>The prefix normalisation puts before a name that starts with a digit or has one character.</summary>
    public const string Prefix = "module-";

    /// <summary>The suffix normalisation puts after a reserved name.</summary>
    public const string ReservedSuffix = "-module";

    /// <summary>Folder names the workspace or its tools already use, or that would read as one of them (after normalisation).</summary>
    public static readonly FrozenSet<string> Reserved = FrozenSet.Create(
        StringComparer.Ordinal,
        "shared", "template", "infra", "mcp", "mcp-core", "modules", "node-modules", "dist");

    public static bool IsValid(string name) => name.Length > 0 && Normalise(name) == name;

    /// <summary>
    /// What a module folder must at least be for mcpops to read the workspace (a lowercase DNS label
    /// starting with a letter). Older or hand-made modules may break the stricter <see cref="IsValid"/>:
    /// they are still listed and wired, and `check` reports them (MOD006).
    /// </summary>
    public static bool IsDnsLabel(string name) => DnsLabel().IsMatch(name);

    /// <summary>
    /// The template's `moduleFolderName` form, step for step: split acronyms and words, lowercase, every
    /// run of other characters becomes one '-', trim '-', never empty, prefix `module-` when it starts
    /// with a digit or has one character, suffix `-module` when reserved, cut to <see cref="MaxLength"/>
    /// and trim '-' again. The template tests interpret template.json and compare with this.
    /// </summary>
    public static string Normalise(string input)
    {
        var name = SplitAcronyms().Replace(input, "$1-$2");
        name = SplitWords().Replace(name, "$1-$2");
        name = name.ToLowerInvariant();
        name = NonDns().Replace(name, "-");
        name = TrimDashes().Replace(name, "");
        name = NeverEmpty().Replace(name, "unnamed-module");
        name = NeedsPrefix().Replace(name, Prefix + "$1");
        name = ReservedName().Replace(name, "$1" + ReservedSuffix);
        name = TooLong().Replace(name, "$1");
        return TrimDashes().Replace(name, "");
    }

    /// <summary>
    /// Null when <paramref name="name"/> is acceptable, otherwise why not, with the name to use instead; a suggestion
    /// that <paramref name="isTaken"/> says is already a module's is named as taken, not offered.
    /// </summary>
    public static string? Validate(string name, Func<string, bool>? isTaken = null)
    {
        if (name.Length == 0)
        {
            return "the module name is empty.";
        }

        if (IsValid(name))
        {
            return null;
        }

        var suggestion = Normalise(name);
        var instead = isTaken?.Invoke(suggestion) == true
            ? $"'{suggestion}' (what `dotnet new mcp-module -n \"{name}\"` would write) is already a module here: choose another name."
            : $"use '{suggestion}' (what `dotnet new mcp-module -n \"{name}\"` would write).";
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return $"'{name}' is a path; a module name is a single folder name ({Rule}).";
        }

        var lower = name.ToLowerInvariant();
        var reason =
            name.Any(char.IsWhiteSpace) ? "contains whitespace"
            : name.Any(char.IsUpper) ? "contains uppercase letters; module names are lowercase"
            : Reserved.Contains(lower.Trim('_', '-').Replace('_', '-')) ? $"is reserved (reserved names: {string.Join(", ", Reserved.Order(StringComparer.Ordinal))})"
            : name.Length > MaxLength ? $"is {name.Length} characters long; at most {MaxLength} fit the GCP service account id '<name>-mcp' ({ServiceAccountIdLimit})"
            : name.Length < MinLength ? $"is shorter than {MinLength} characters: the service account id '<name>-mcp' needs at least 6"
            : char.IsAsciiDigit(name[0]) ? "starts with a digit (Cloud Run services, service accounts and JavaScript identifiers start with a letter)"
            : name.Contains("--", StringComparison.Ordinal) ? "contains '--' (reserved for punycode labels such as xn--; the template collapses it)"
            : name.Any(c => c > 127) ? "contains non-ASCII letters"
            : $"is not a valid module name: {Rule}";
        return $"'{name}' {reason}; {instead}";
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("([A-Z]+)([A-Z][a-z])")]
    private static partial Regex SplitAcronyms();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SplitWords();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonDns();

    [GeneratedRegex("^-+|-+$")]
    private static partial Regex TrimDashes();

    [GeneratedRegex("^$")]
    private static partial Regex NeverEmpty();

    [GeneratedRegex("^([0-9].*|.)$")]
    private static partial Regex NeedsPrefix();

    [GeneratedRegex("^(shared|template|infra|mcp|mcp-core|modules|node-modules|dist)$")]
    private static partial Regex ReservedName();

    [GeneratedRegex("^(.{26}).+$")]
    private static partial Regex TooLong();
}
