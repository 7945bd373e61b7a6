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

    /// <summary>
    /// The template alone, as typed in an @acme workspace (no --scope): npm installs and builds the module
    /// (its @app/mcp-core dependency is a path, which npm aliases), and `mcpops sync` then moves it to
    /// @acme, after which check has no finding and it all installs and builds again; renamed with
    /// `mcpops rename`, it installs and builds under the new name.
    /// </summary>
    [Fact]
    public async Task The_template_alone_installs_and_builds_in_a_scoped_workspace_sync_adopts_the_scope_and_rename_keeps_it_building()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        Task<ProcessResult> Npm(params string[] args) =>
            ProcessRunner.RunAsync("npm", [.. args, "--no-audit", "--no-fund"], root, timeout: TimeSpan.FromMinutes(8));
        (await pack.NewAsync(root, "mcp-module", "-n", "billing")).EnsureSuccess();
        Assert.Contains("\"@app/mcp-core\"", File.ReadAllText(Path.Combine(root, "modules", "billing", "mcp", "package.json")), StringComparison.Ordinal);

        (await Npm("install")).EnsureSuccess();
        (await Npm("run", "build", "--workspace", "modules/billing/mcp")).EnsureSuccess();

        var sync = CliRun.In(root, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Empty(GeneratedWorkspaces.Files(root).Where(f => f.Path.StartsWith("modules/billing/", StringComparison.Ordinal) && !f.Path.Contains("/dist/", StringComparison.Ordinal) && !f.Path.EndsWith(".tsbuildinfo", StringComparison.Ordinal) && f.Text.Contains("@app/", StringComparison.Ordinal)).Select(f => f.Path));
        var check = CliRun.In(root, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        (await Npm("install")).EnsureSuccess();
        (await Npm("run", "typecheck")).EnsureSuccess();
        (await Npm("run", "build")).EnsureSuccess();
        Assert.True(File.Exists(Path.Combine(root, "modules", "billing", "mcp", "dist", "server.mjs")));

        // Renamed, it installs and builds under its new name, and the workspace stays clean.
        var rename = CliRun.In(root, "rename", "billing", "invoicing");
        Assert.True(rename.ExitCode == 0, rename.ToString());
        (await Npm("install")).EnsureSuccess();
        (await Npm("run", "typecheck")).EnsureSuccess();
        (await Npm("run", "build", "--workspace", "modules/invoicing/mcp")).EnsureSuccess();
        Assert.True(File.Exists(Path.Combine(root, "modules", "invoicing", "mcp", "dist", "server.mjs")));
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
        var checkAfterRename = CliRun.In(root, "check");
        Assert.True(checkAfterRename.ExitCode == 0, checkAfterRename.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
