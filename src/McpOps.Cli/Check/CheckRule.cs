namespace McpOps.Cli.Check;

/// <summary>How a rule's findings are reported (SARIF `level`). Any unsuppressed finding fails the check.</summary>
internal enum RuleLevel
{
    Error,
    Warning,
}

/// <summary>
/// One rule of the Definition of Done: a stable <see cref="Id"/> (never reused or renamed, so
/// suppressions and code-scanning alerts keep pointing at the same thing), a one-line
/// description and the change that makes a finding go away.
/// </summary>
internal sealed record CheckRule(string Id, string Category, RuleLevel Level, string Description, string Fix)
{
    public string LevelText => Level == RuleLevel.Error ? "error" : "warning";
}
