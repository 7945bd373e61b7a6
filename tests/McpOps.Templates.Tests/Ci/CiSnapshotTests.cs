using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

[Collection(SharedTemplatePackReaders.Name)]
public sealed class CiSnapshotTests(TemplatePack pack)
{
    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Output_matches_the_snapshot(string snapshot, string[] options)
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);
        DirectorySnapshot.Verify(snapshot, output.Root);
    }

    [Fact]
    public async Task Options_select_files()
    {
        using var noCloudRun = await DevopsCiOutput.GenerateAsync(pack, "--cloud-run", "false");
        Assert.False(File.Exists(noCloudRun.Path(".github/workflows/deploy-cloudrun.yml")));
        Assert.False(File.Exists(noCloudRun.Path(".github/workflows/rollback-cloudrun.yml")));
        Assert.False(File.Exists(noCloudRun.Path(".github/google-cloud.json")), "GHCR without Cloud Run needs no Google Cloud settings");
        Assert.DoesNotContain("deploy-cloudrun", noCloudRun.Read(".github/workflows/ci.yml"), StringComparison.Ordinal);
        Assert.True(File.Exists(noCloudRun.Path("scripts/smoke-test.mjs")), "the smoke test serves Railway too");

        using var noRailway = await DevopsCiOutput.GenerateAsync(pack, "--railway", "false");
        Assert.DoesNotContain("railway config plan", noRailway.Read(".github/workflows/ci.yml"), StringComparison.Ordinal);
        Assert.DoesNotContain("## Railway", noRailway.Read("docs/deploy.md"), StringComparison.Ordinal);

        using var defaults = await DevopsCiOutput.GenerateAsync(pack);
        Assert.False(File.Exists(defaults.Path(".github/workflows/mcp-registry.yml")), "publishing to the MCP Registry is opt-in");
        using var mcpRegistry = await DevopsCiOutput.GenerateAsync(pack, "--mcp-registry", "true");
        Assert.True(File.Exists(mcpRegistry.Path(".github/workflows/mcp-registry.yml")));
    }
}
