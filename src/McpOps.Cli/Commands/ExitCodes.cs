namespace McpOps.Cli.Commands;

/// <summary>The exit codes every command uses (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Done, or nothing to do.</summary>
    public const int Ok = 0;

    /// <summary>`sync --check` found drift: the wiring differs from what sync would write.</summary>
    public const int Drift = 1;

    /// <summary>`check` found at least one unsuppressed finding.</summary>
    public const int Findings = 1;

    /// <summary>`upgrade` wrote files with conflict markers (or `upgrade --dry-run` would) for the team to resolve.</summary>
    public const int Conflicts = 3;

    /// <summary>Bad usage or bad input: unknown option, invalid name, malformed file, missing markers, no template pack.</summary>
    public const int InputError = 2;
}
