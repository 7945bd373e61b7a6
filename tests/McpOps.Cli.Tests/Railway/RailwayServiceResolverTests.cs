using McpOps.Cli.FileSystem;
using McpOps.Cli.Railway;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Railway;

/// <summary>Module to Railway target, on an in-memory workspace: where each fact comes from and every refusal.</summary>
public sealed class RailwayServiceResolverTests
{
    [Fact]
    public void The_service_is_the_literal_railway_service_ts_declares()
    {
        var target = Resolve(RailwayStandIn.ServiceFile("billing-api"));

        Assert.Equal(new RailwayTarget("billing", "billing-api", "production", null), target);
    }

    [Fact]
    public void The_option_wins_over_the_workspace_setting()
    {
        var target = Resolve(RailwayStandIn.ServiceFile("billing"), """{ "name": "acme", "mcpops": { "railway": { "environment": "staging", "projectId": "p1" } } }""", environment: "qa", project: "p2");

        Assert.Equal(new RailwayTarget("billing", "billing", "qa", "p2"), target);
    }

    [Theory]
    [InlineData("return service(name, {});", "no service(\"<name>\", …) call with a string literal name")]
    [InlineData("service(\"a\", {}); service(\"b\", {});", "2 service names (a, b)")]
    public void A_service_file_mcpops_cannot_read_is_refused_with_the_fix(string source, string message)
    {
        var error = Assert.Throws<WorkspaceException>(() => Resolve(source));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_setting_that_is_not_a_string_is_refused()
    {
        var error = Assert.Throws<WorkspaceException>(() => Resolve(RailwayStandIn.ServiceFile("billing"), """{ "name": "acme", "mcpops": { "railway": { "environment": 3 } } }"""));

        Assert.Contains("\"mcpops.railway.environment\" must be a non-empty string", error.Message);
    }

    private static RailwayTarget Resolve(string serviceFile, string? packageJson = null, string? environment = null, string? project = null)
    {
        var source = MemoryWorkspace.Create("billing");
        source["modules/billing/mcp/railway.service.ts"] = serviceFile;
        if (packageJson is not null)
        {
            source["package.json"] = packageJson;
        }

        var tree = new FileTree(source);
        return RailwayServiceResolver.Resolve(tree, Workspace.Read(tree), "billing", environment, project);
    }
}
