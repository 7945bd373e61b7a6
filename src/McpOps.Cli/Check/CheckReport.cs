using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check;

/// <summary>The outcome of one check run: findings sorted by path, line and rule, suppressed ones included.</summary>
internal sealed record CheckReport(IReadOnlyList<Finding> Findings, IReadOnlyList<ModuleLocation> Modules, string? ModuleFilter)
{
    public IReadOnlyList<Finding> Active => [.. Findings.Where(f => !f.IsSuppressed)];

    public IReadOnlyList<Finding> Suppressed => [.. Findings.Where(f => f.IsSuppressed)];

    public bool Clean => Findings.All(f => f.IsSuppressed);
}
