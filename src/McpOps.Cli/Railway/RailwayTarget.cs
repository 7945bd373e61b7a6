namespace McpOps.Cli.Railway;

/// <summary>
/// Where a module runs on Railway: its service (the name its railway.service.ts declares), the
/// environment, and the project when the workspace pins one (otherwise the project `railway link` chose).
/// </summary>
internal sealed record RailwayTarget(string Module, string Service, string Environment, string? ProjectId)
{
    public override string ToString() => $"service {Service}, environment {Environment}";
}
