namespace McpOps.Cli.Check.Suppressions;

/// <summary>One suppression as written: the rules it names, where it applies, its reason, and where it is (path:line).</summary>
internal sealed record SuppressionEntry(SuppressionKind Kind, IReadOnlyList<string> RuleIds, string SourcePath, int SourceLine, string Reason, string? PathGlob, int? TargetLine)
{
    public bool HasReason => Reason.Trim().Length > 0;

    public bool Covers(Finding finding) =>
        RuleIds.Contains(finding.Rule.Id, StringComparer.Ordinal)
        && (Kind == SuppressionKind.Inline
            ? finding.Path == SourcePath && finding.Line == TargetLine
            : PathGlob is null || new PathGlob(PathGlob).Matches(finding.Path));
}
