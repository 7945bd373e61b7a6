using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Commands;

/// <summary>
/// Bad input: exit code 2, an error that says what is wrong (and where), and not one file changed
/// (checked by hashing every file of the workspace before and after).
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class BadInputTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-bad");

    [Theory]
    [InlineData("bad name", "contains whitespace")]
    [InlineData("Billing", "contains uppercase letters")]
    [InlineData("..", "is a path")]
    [InlineData("a/b", "is a path")]
    [InlineData("../escape", "is a path")]
    [InlineData("a-name-that-is-far-too-long-for-a-cloud-run-service", "characters long")]
    [InlineData("_shared", "is reserved")]
    [InlineData("infra", "is reserved")]
    [InlineData("9lives", "use 'module-9lives'")]
    [InlineData("x--y", "contains '--'")]
    [InlineData("xn--abc", "use 'xn-abc'")]
    [InlineData("Ünïcode", "use 'n-code'")]
    [InlineData("HTTPServer", "use 'http-server'")]
    public async Task Add_refuses_an_invalid_name(string name, string reason)
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        var changes = TreeChanges.Record(_temp.Path);

        var result = CliRun.In(root, CliRun.WithHive(pack.HivePath), "add", name);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid module name", result.Error);
        Assert.Contains(reason, result.Error);
        Assert.Contains("nothing was changed", result.Error);
        Assert.Empty(changes.Since());
    }

    [Fact]
    public async Task Add_refuses_an_existing_module()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        var changes = TreeChanges.Record(root);

        var result = CliRun.In(root, CliRun.WithHive(pack.HivePath), "add", "billing", "--port", "9000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("modules/billing already exists", result.Error);
        Assert.Empty(changes.Since());

        // An invalid name whose fix would be that module is not offered it.
        var near = CliRun.In(root, CliRun.WithHive(pack.HivePath), "add", "billing-");
        Assert.Equal(2, near.ExitCode);
        Assert.Contains("'billing' (what `dotnet new mcp-module -n \"billing-\"` would write) is already a module here", near.Error);
        Assert.Empty(changes.Since());
    }

    [Fact]
    public async Task A_malformed_module_package_json_is_named_with_its_line()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        var package = Path.Combine(root, "modules", "billing", "mcp", "package.json");
        File.WriteAllText(package, File.ReadAllText(package).Replace("\"private\": true,", "\"private\": true,,"));
        var changes = TreeChanges.Record(root);

        foreach (var args in new[] { new[] { "sync" }, ["sync", "--check"], ["list"], ["add", "inventory"] })
        {
            var result = CliRun.In(root, CliRun.WithHive(pack.HivePath), args);
            Assert.True(result.ExitCode == 2, string.Join(' ', args) + "\n" + result);
            Assert.Contains("modules/billing/mcp/package.json:5:", result.Error);
            Assert.Contains("invalid JSON", result.Error);
            // Only a command that writes the workspace says it left it alone; `list` only reads.
            Assert.Equal(args[0] != "list", result.Error.Contains("nothing was changed", StringComparison.Ordinal));
            Assert.Empty(changes.Since());
        }

        // The broken module itself can still be removed: its files are not read once it is gone.
        var remove = CliRun.In(root, "remove", "billing", "--yes");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
    }

    [Fact]
    public async Task A_malformed_root_tsconfig_json_is_named_with_its_line()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        var tsconfig = Path.Combine(root, "tsconfig.json");
        File.WriteAllText(tsconfig, File.ReadAllText(tsconfig).Replace("\"files\": [],", "\"files\": [,"));
        var changes = TreeChanges.Record(_temp.Path);

        var add = CliRun.In(root, CliRun.WithHive(pack.HivePath), "add", "billing");
        var sync = CliRun.In(root, "sync");

        Assert.Equal(2, add.ExitCode);
        Assert.Equal(2, sync.ExitCode);
        Assert.Contains("tsconfig.json:5:", add.Error);
        Assert.Contains("tsconfig.json:5:", sync.Error);
        Assert.Empty(changes.Since());
    }

    [Fact]
    public async Task A_missing_marker_in_a_root_file_says_what_to_add_and_changes_nothing()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        var readme = Path.Combine(root, "README.md");
        File.WriteAllText(readme, File.ReadAllText(readme).Replace("<!-- mcpops:end modules -->\n", ""));
        var changes = TreeChanges.Record(_temp.Path);

        var add = CliRun.In(root, CliRun.WithHive(pack.HivePath), "add", "billing");

        Assert.Equal(2, add.ExitCode);
        Assert.Contains("README.md: has `<!-- mcpops:begin modules -->` (line 15) but no `<!-- mcpops:end modules -->`", add.Error);
        Assert.Empty(changes.Since());
    }

    [Fact]
    public void Outside_a_workspace_every_command_refuses()
    {
        File.WriteAllText(_temp.Combine("package.json"), "{}");
        var changes = TreeChanges.Record(_temp.Path);

        foreach (var args in new[] { new[] { "sync" }, ["sync", "--check"], ["list"], ["add", "billing"], ["remove", "billing", "--yes"] })
        {
            var result = CliRun.In(_temp.Path, CliRun.WithHive(pack.HivePath), args);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("not inside an McpOps workspace", result.Error);
        }

        Assert.Empty(changes.Since());
    }

    [Fact]
    public async Task Add_without_the_template_pack_says_how_to_install_it()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        var emptyHive = Directory.CreateTempSubdirectory("mcpops-empty-hive").FullName;
        try
        {
            var changes = TreeChanges.Record(_temp.Path);

            var result = CliRun.In(root, CliRun.WithHive(emptyHive), "add", "billing");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("the mcp-module template is not installed", result.Error);
            Assert.Contains("dotnet new install McpOps.Templates", result.Error);
            Assert.Empty(changes.Since());
        }
        finally
        {
            Directory.Delete(emptyHive, recursive: true);
        }
    }

    [Fact]
    public async Task Remove_of_an_unknown_module_lists_the_modules()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        var changes = TreeChanges.Record(root);

        var result = CliRun.In(root, "remove", "../billing", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no module named '../billing'", result.Error);
        Assert.Contains("Modules: billing.", result.Error);
        Assert.Empty(changes.Since());
    }

    [Theory]
    [InlineData("sync --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("add", "Required argument missing")]
    [InlineData("add billing --port 70000", "--port must be between 1 and 65535")]
    [InlineData("add billing --railway-config yaml", "yaml")]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'")]
    public void Usage_errors_exit_2_with_a_pointer_to_help(string commandLine, string expected)
    {
        var result = CliRun.In(_temp.Path, commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains("--help` for usage", result.Error);
    }

    public void Dispose() => _temp.Dispose();
}
