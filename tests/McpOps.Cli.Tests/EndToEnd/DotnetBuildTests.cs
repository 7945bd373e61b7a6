using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.EndToEnd;

/// <summary>
/// The C# wiring is only right if MSBuild accepts it: a workspace with a TypeScript and a C# module,
/// wired by mcpops, builds with `dotnet build &lt;workspace&gt;.slnx` (mcp-core-dotnet, the module's server
/// through its ProjectReference, and its tests); after `remove` the solution still builds. Needs NuGet.
/// </summary>
[Collection(SharedTemplatePack.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DotnetBuildTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-dotnet");

    [Fact]
    public async Task A_wired_mixed_workspace_solution_builds_before_and_after_removing_the_CSharp_module()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        GeneratedWorkspaces.Add(pack, root, "inventory", "--language", "C#", "--port", "8082");
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
        Task<ProcessResult> Build() =>
            ProcessRunner.RunAsync("dotnet", ["build", "acme.slnx", "-c", "Release", "--nologo"], root, timeout: TimeSpan.FromMinutes(8));

        (await Build()).EnsureSuccess();
        var module = Path.Combine(root, "modules", "inventory", "mcp");
        Assert.True(File.Exists(Path.Combine(module, "src", "Inventory.Mcp", "bin", "Release", "net10.0", "Inventory.Mcp.dll")));
        Assert.True(File.Exists(Path.Combine(module, "test", "Inventory.Mcp.Tests", "bin", "Release", "net10.0", "Inventory.Mcp.Tests.dll")));
        Assert.True(File.Exists(Path.Combine(module, "src", "Inventory.Mcp", "bin", "Release", "net10.0", "McpOps.McpCore.dll")));

        var remove = CliRun.In(root, "remove", "inventory", "--yes");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
        var after = (await Build()).EnsureSuccess();
        Assert.DoesNotContain("Inventory", after.Output);
        Assert.Empty(GeneratedWorkspaces.Files(root)
            .Where(f => !f.Path.Contains("/bin/", StringComparison.Ordinal) && !f.Path.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => f.Text.Contains("inventory", StringComparison.OrdinalIgnoreCase))
            .Select(f => f.Path));
    }

    public void Dispose() => _temp.Dispose();
}
