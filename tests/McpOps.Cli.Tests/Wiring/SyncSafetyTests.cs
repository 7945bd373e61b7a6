using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Wiring;

/// <summary>Sync never drops a hand-written line inside markers, and never writes a file that no longer parses.</summary>
public sealed class SyncSafetyTests
{
    [Fact]
    public void A_hand_written_line_inside_a_block_is_refused_with_its_file_and_line()
    {
        var source = MemoryWorkspace.Create("billing");
        source["tsconfig.json"] = MemoryWorkspace.Tsconfig.Replace(
            "// mcpops:end references", "{ \"path\": \"./tools/codegen\" },\n    // mcpops:end references", StringComparison.Ordinal);
        var tree = new FileTree(source);

        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(tree));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("tsconfig.json:6: { \"path\": \"./tools/codegen\" },", problem);
        Assert.Contains("Move them outside the mcpops:begin/end markers", problem);
    }

    [Fact]
    public void Lines_sync_wrote_for_a_module_that_is_gone_are_dropped_quietly()
    {
        var source = MemoryWorkspace.Create("billing");
        source[".railway/railway.ts"] = MemoryWorkspace.Railway
            .Replace("// mcpops:begin imports\n", "// mcpops:begin imports\nimport crmSyncService from \"../modules/crm-sync/mcp/railway.service.ts\";\n", StringComparison.Ordinal)
            .Replace("// mcpops:begin services\n", "// mcpops:begin services\n      crmSyncService({ ctx, source }),\n", StringComparison.Ordinal);
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        var railway = tree.Read(".railway/railway.ts")!;
        Assert.DoesNotContain("crmSync", railway);
        Assert.Contains("billingService({ ctx, source }),", railway);
    }

    [Fact]
    public void Sync_refuses_to_write_a_file_that_would_no_longer_parse()
    {
        var source = MemoryWorkspace.Create("billing");
        source["tsconfig.json"] = """
            {
              "files": [],
              // mcpops:begin references
              // mcpops:end references
              "references": [{ "path": "./modules/_shared/mcp-core" }]
            }

            """;
        var tree = new FileTree(source);

        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(tree));

        Assert.Contains(error.Problems, p => p.StartsWith("sync would write tsconfig.json so that it no longer parses", StringComparison.Ordinal));
    }

    [Fact]
    public void A_module_made_with_another_scope_moves_to_the_workspace_scope()
    {
        var source = MemoryWorkspace.Create();
        MemoryWorkspace.AddModule(source, "billing");
        foreach (var path in source.ListFilesRecursive("modules/billing"))
        {
            source[path] = source.ReadText(path)!.Replace("@acme/", "@app/", StringComparison.Ordinal);
        }

        source["modules/billing/mcp/src/index.ts"] = "import { runServer } from '@app/mcp-core';\nimport '@app/other';\n";
        var tree = new FileTree(source);
        var workspace = Workspace.Read(tree);
        Assert.Contains("modules/billing/mcp/package.json: scope @app (the workspace's is @acme)", WiringStatus.Missing(tree, workspace)["billing"]);

        SyncPlanner.Plan(tree);

        Assert.Contains("\"name\": \"@acme/billing-mcp\"", tree.Read("modules/billing/mcp/package.json"));
        Assert.DoesNotContain("@app/mcp-core", tree.Read("modules/billing/mcp/package.json"));
        Assert.Equal("import { runServer } from '@acme/mcp-core';\nimport '@app/other';\n", tree.Read("modules/billing/mcp/src/index.ts"));
        Assert.Empty(WiringStatus.Missing(tree, Workspace.Read(tree))["billing"]);
    }
}
