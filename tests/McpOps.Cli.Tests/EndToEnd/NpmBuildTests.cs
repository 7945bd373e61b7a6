using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.EndToEnd;

/// <summary>
/// The wiring is only right if the tools accept it: a workspace wired by mcpops is installed,
/// type-checked (tsc -b over the root references, and .railway/railway.ts against the real
/// `railway/iac` types) and built with npm; then a module is removed and it all passes again.
/// </summary>
[Collection(SharedTemplatePack.Name)]
[Trait("Category", "EndToEnd")]
public sealed class NpmBuildTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-npm");

    [Fact]
    public async Task A_wired_workspace_type_checks_and_builds_before_and_after_a_remove()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        GeneratedWorkspaces.Add(pack, root, "crm-sync", "--port", "8082", "--railway-config", "toml");
        GeneratedWorkspaces.Add(pack, root, "inventory", "--port", "8083");
        Task<ProcessResult> Npm(params string[] args) =>
            ProcessRunner.RunAsync("npm", [.. args, "--no-audit", "--no-fund"], root, timeout: TimeSpan.FromMinutes(8));

        (await Npm("install")).EnsureSuccess();
        (await Npm("run", "typecheck")).EnsureSuccess();
        (await Npm("run", "build")).EnsureSuccess();
        Assert.True(File.Exists(Path.Combine(root, "modules", "inventory", "mcp", "dist", "server.mjs")));

        var remove = CliRun.In(root, "remove", "inventory", "--yes");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        (await Npm("install")).EnsureSuccess();
        (await Npm("run", "typecheck")).EnsureSuccess();
        (await Npm("run", "build")).EnsureSuccess();

        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
        Assert.Empty(GeneratedWorkspaces.Files(root)
            .Where(f => f.Text.Contains("inventory", StringComparison.OrdinalIgnoreCase))
            .Select(f => f.Path));
        Assert.True(File.Exists(Path.Combine(root, "modules", "billing", "mcp", "dist", "server.mjs")));
    }

    public void Dispose() => _temp.Dispose();
}
