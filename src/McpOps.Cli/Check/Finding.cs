namespace McpOps.Cli.Check;

/// <summary>Where a suppression came from: the config file or a comment in the file itself.</summary>
internal enum SuppressionKind
{
    /// <summary>An entry of mcpops.check.json (SARIF `external`).</summary>
    Config,

    /// <summary>A `mcpops-check-disable-next-line` comment (SARIF `inSource`).</summary>
    Inline,
}

/// <summary>Why a finding does not fail the check, and where that was decided (path:line).</summary>
internal sealed record Suppression(SuppressionKind Kind, string Reason, string Path, int Line);

/// <summary>
/// One rule violation: the file (relative to the workspace root, '/') and 1-based line it fires on,
/// what is wrong there, and the module it belongs to (null for workspace-wide files).
/// </summary>
internal sealed record Finding(CheckRule Rule, string Path, int Line, string Message, string? Module)
{
    public Suppression? Suppression { get; init; }

    public bool IsSuppressed => Suppression is not null;

    public string Location => $"{Path}:{Line}";
}
