using System.Text.RegularExpressions;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Commands;

/// <summary>
/// `mcpops rename`: on a workspace made with every template, a TypeScript and a C# module are renamed;
/// afterwards no file names the old module, sync has nothing to do and check has no finding. A
/// rename that cannot be done changes nothing, and --dry-run writes nothing.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class RenameTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-rename");

    [Fact]
    public async Task Rename_rewrites_every_reference_and_leaves_a_clean_workspace()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        (await pack.NewAsync(root, "devops-compose")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-k8s", "--external-secrets")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-ci")).EnsureSuccess();
        // Files that use the names as examples before any module has them (docs/deploy.md) are not references.
        var examples = GeneratedWorkspaces.Files(root).Where(f => f.Text.Contains("inventory", StringComparison.Ordinal) || f.Text.Contains("ledger", StringComparison.Ordinal)).Select(f => f.Path).ToHashSet();
        GeneratedWorkspaces.Add(pack, root, "inventory");
        GeneratedWorkspaces.Add(pack, root, "ledger", "--language", "C#");
        GeneratedWorkspaces.Add(pack, root, "billing");

        var before = TreeChanges.Record(root);
        var dry = CliRun.In(root, "rename", "inventory", "stock", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("+++ b/modules/stock/mcp/Dockerfile", dry.Output);
        Assert.Contains("deleted: modules/inventory/", dry.Output);
        Assert.Empty(before.Since());

        foreach (var (from, to) in new[] { ("inventory", "stock"), ("ledger", "general-ledger") })
        {
            var result = CliRun.In(root, "rename", from, to);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.False(Directory.Exists(Path.Combine(root, "modules", from)));
        }

        foreach (var (path, text) in GeneratedWorkspaces.Files(root).Where(f => !examples.Contains(f.Path)))
        {
            Assert.False(text.Contains("inventory", StringComparison.Ordinal), $"{path} still names inventory");
            Assert.False(path.Contains("ledger/", StringComparison.Ordinal) && !path.Contains("general-ledger/", StringComparison.Ordinal), $"{path} is still in the old folder");
            Assert.False(text.Contains("modules/ledger/", StringComparison.Ordinal), $"{path} still points at modules/ledger/");
            Assert.False(Regex.IsMatch(text, "(?<![A-Za-z-])ledger"), $"{path} still names ledger (not general-ledger)");
        }

        Assert.True(File.Exists(Path.Combine(root, "modules", "general-ledger", "mcp", "src", "GeneralLedger.Mcp", "GeneralLedger.Mcp.csproj")));
        Assert.Contains("\"name\": \"@acme/stock-mcp\"", File.ReadAllText(Path.Combine(root, "modules", "stock", "mcp", "package.json")), StringComparison.Ordinal);
        var syncCheck = CliRun.In(root, "sync", "--check");
        Assert.True(syncCheck.ExitCode == 0, syncCheck.ToString());
        var check = CliRun.In(root, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Theory]
    [InlineData("missing", "stock", "no module named 'missing'")]
    [InlineData("billing", "Stock", "contains uppercase letters")]
    [InlineData("billing", "inventory", "modules/inventory already exists")]
    public async Task A_rename_that_cannot_be_done_changes_nothing(string from, string to, string error)
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        GeneratedWorkspaces.Add(pack, root, "inventory");
        var changes = TreeChanges.Record(_temp.Path);

        var result = CliRun.In(root, "rename", from, to);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.Error);
        Assert.Empty(changes.Since());
    }

    public void Dispose() => _temp.Dispose();
}
