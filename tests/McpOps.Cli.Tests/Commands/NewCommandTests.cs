using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Commands;

/// <summary>`mcpops new`: `--scope @acme` works as typed (no response file), and a refused workspace leaves nothing behind.</summary>
[Collection(SharedTemplatePack.Name)]
public sealed class NewCommandTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-new");

    [Fact]
    public void New_with_an_at_scope_creates_the_workspace_and_add_uses_that_scope()
    {
        var created = CliRun.In(_temp.Path, CliRun.WithHive(pack.HivePath), "new", "acme", "--scope", "@acme");
        Assert.True(created.ExitCode == 0, created.ToString());

        var root = _temp.Combine("acme");
        Assert.Contains("\"name\": \"@acme/mcp-core\"", File.ReadAllText(Path.Combine(root, "modules", "_shared", "mcp-core", "package.json")), StringComparison.Ordinal);
        Assert.Equal(["acme"], Directory.EnumerateFileSystemEntries(_temp.Path).Select(Path.GetFileName));

        GeneratedWorkspaces.Add(pack, root, "billing");
        var package = File.ReadAllText(Path.Combine(root, "modules", "billing", "mcp", "package.json"));
        Assert.Contains("\"name\": \"@acme/billing-mcp\"", package, StringComparison.Ordinal);
        Assert.Contains("\"@acme/mcp-core\"", package, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
    }

    [Theory]
    [InlineData("exists", null, "already exists")]
    [InlineData("a/b", null, "is not a folder name")]
    [InlineData("acme", "@Acme!", "is not an npm scope")]
    public void A_refused_workspace_changes_nothing(string name, string? scope, string error)
    {
        Directory.CreateDirectory(_temp.Combine("exists"));
        var before = Directory.EnumerateFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories).Order().ToList();
        string[] args = scope is null ? ["new", name] : ["new", name, "--scope", scope];

        var result = CliRun.In(_temp.Path, CliRun.WithHive(pack.HivePath), args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.Error);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories).Order().ToList());
    }

    public void Dispose() => _temp.Dispose();
}
