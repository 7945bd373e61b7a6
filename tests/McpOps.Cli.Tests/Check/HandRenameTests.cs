using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;
using static McpOps.Cli.Tests.Check.CheckWorkspace;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// `git mv modules/inventory modules/stock && mcpops sync && mcpops check`: the module is wired under
/// its new folder, but its Dockerfile, dockerignore, Railway service, compose fragment, Kubernetes
/// overlay and metadata still say inventory. MODULE004 names each of them with the way out.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class HandRenameTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-hand-rename");

    [Fact]
    public async Task A_module_moved_by_hand_is_reported_in_every_file_that_still_names_the_old_folder()
    {
        var root = await CopyAsync(pack, _temp);
        Directory.Move(Path.Combine(root, "modules", "inventory"), Path.Combine(root, "modules", "stock"));
        Assert.Equal(0, CliRun.In(root, "sync").ExitCode);

        var check = CliRun.In(root, "check", "--format", "json");

        Assert.Equal(1, check.ExitCode);
        foreach (var file in new[] { "Dockerfile", "Dockerfile.dockerignore", "railway.service.ts", "deploy/compose.yaml", "deploy/k8s/kustomization.yaml", "mcpops.module.json" })
        {
            Assert.Contains($"\"path\": \"modules/stock/mcp/{file}\"", check.Output, StringComparison.Ordinal);
        }

        Assert.Contains("git mv modules/stock modules/inventory", check.Output, StringComparison.Ordinal);
        Assert.Contains("mcpops rename inventory stock", check.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
