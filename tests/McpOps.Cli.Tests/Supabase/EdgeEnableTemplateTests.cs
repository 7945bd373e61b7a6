using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>`mcpops edge enable` with the real mcp-module template: an existing module ends up with what `add --edge` would have given it.</summary>
[Collection(SharedTemplatePack.Name)]
public sealed class EdgeEnableTemplateTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory temp = new("mcpops-edge-enable");

    [Fact]
    public async Task Edge_enable_on_a_generated_module_matches_add_with_edge_and_check_passes()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        GeneratedWorkspaces.Add(pack, root, "alerts", "--edge");
        var server = Path.Combine(root, "modules/billing/mcp/src/server.ts");
        var serverBefore = File.ReadAllText(server);

        var enable = CliRun.In(root, CliRun.WithHive(pack.HivePath), "edge", "enable", "billing");

        Assert.True(enable.ExitCode == 0, enable.ToString());
        Assert.Equal(serverBefore, File.ReadAllText(server));
        string Read(string module, string file) => File.ReadAllText(Path.Combine(root, $"modules/{module}/mcp/{file}")).Replace("alerts", "billing", StringComparison.Ordinal);
        Assert.Equal(Read("alerts", "src/edge.ts"), Read("billing", "src/edge.ts"));
        Assert.Contains("\"build:edge\":", Read("billing", "package.json"));
        Assert.Contains("\"verifyJwt\": false", Read("billing", "mcpops.module.json"));
        Assert.Contains("[functions.billing]", File.ReadAllText(Path.Combine(root, "supabase/config.toml")));
        // The module's traces say --edge, so `mcpops upgrade` renders it as the Edge module it now is.
        var edgeMetadata = File.ReadAllText(Path.Combine(root, "modules/alerts/mcp/mcpops.module.json"));
        var billingMetadata = File.ReadAllText(Path.Combine(root, "modules/billing/mcp/mcpops.module.json"));
        Assert.Equal(WithoutPort(edgeMetadata.Replace("alerts", "billing", StringComparison.Ordinal)), WithoutPort(billingMetadata));
        var record = TemplateRecord.Read(new FileTree(new DiskFileSource(root))).Single(i => i.Arguments.Contains("billing"));
        Assert.Contains("--edge", record.Arguments);
        foreach (var (path, hash) in record.Files)
        {
            var text = File.ReadAllText(Path.Combine(root, path));
            Assert.True(TemplateRecord.Hash(text) == hash || SyncOwnedBlocks.HasBlocks(text), $"{path}: the record's hash is not the file's");
        }

        Assert.Contains(record.Files.Keys, path => path.EndsWith("/src/edge.ts", StringComparison.Ordinal));
        var list = CliRun.In(root, "list");
        Assert.Contains("container+edge", list.Output);
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
        var check = CliRun.In(root, "check");
        Assert.DoesNotContain("EDGE0", check.Output + check.Error);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>`mcpops add` gives each module its own port: the rest of the file must be the same.</summary>
    private static string WithoutPort(string metadata) => System.Text.RegularExpressions.Regex.Replace(metadata, "(\"port\": |--port=)\\d+", "$1PORT");
}
