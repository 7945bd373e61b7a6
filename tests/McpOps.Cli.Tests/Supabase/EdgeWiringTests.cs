using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>The Edge target in the model (mcpops.module.json "targets"/"edge") and sync's [functions.&lt;name&gt;] tables in supabase/config.toml.</summary>
public sealed class EdgeWiringTests
{
    [Fact]
    public void Sync_writes_one_functions_table_per_edge_module_with_entrypoint_and_verify_jwt_stated()
    {
        var source = MemoryWorkspace.Create("billing");
        source["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig;
        MemoryWorkspace.AddEdgeModule(source, "crm-sync", port: 8081, verifyJwt: true);
        MemoryWorkspace.AddEdgeModule(source, "alerts", port: 8082, verifyJwt: null, edgeOnly: true);
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        Assert.Equal("""
            project_id = "acme"

            [api]
            port = 54321

            # mcpops:begin functions
            [functions.alerts]
            enabled = true
            verify_jwt = false
            entrypoint = "../modules/alerts/mcp/dist/edge/index.js"
            [functions.crm-sync]
            enabled = true
            verify_jwt = true
            entrypoint = "../modules/crm-sync/mcp/dist/edge/index.js"
            # mcpops:end functions

            """, tree.Read("supabase/config.toml"));
        Assert.Null(WrittenFiles.TomlProblem("supabase/config.toml", tree.Read("supabase/config.toml")!));
    }

    [Fact]
    public void Targets_are_read_in_one_place_and_absent_means_container()
    {
        var source = MemoryWorkspace.Create("billing");
        MemoryWorkspace.AddEdgeModule(source, "alerts", port: 8081, edgeOnly: true);
        MemoryWorkspace.AddEdgeModule(source, "crm", port: 8082);

        var workspace = Workspace.Read(new FileTree(source));

        var billing = workspace.Modules.Single(m => m.Name == "billing");
        Assert.Equal([ModuleTarget.Container], billing.Targets);
        Assert.Null(billing.Edge);
        var alerts = workspace.Modules.Single(m => m.Name == "alerts");
        Assert.Equal([ModuleTarget.Edge], alerts.Targets);
        Assert.Equal(new EdgeFunction("alerts", false), alerts.Edge);
        Assert.Equal([ModuleTarget.Container, ModuleTarget.Edge], workspace.Modules.Single(m => m.Name == "crm").Targets);
    }

    [Theory]
    [InlineData("\"targets\": []", "non-empty array")]
    [InlineData("\"targets\": [\"lambda\"]", "non-empty array of \"container\" and/or \"edge\"")]
    [InlineData("\"targets\": [\"edge\", \"edge\"]", "names \"edge\" twice")]
    [InlineData("\"targets\": [\"container\"], \"edge\": { \"function\": \"billing\" }", "does not list \"edge\"")]
    [InlineData("\"targets\": [\"edge\"], \"edge\": { \"verifyJwt\": \"no\" }", "\"edge.verifyJwt\" must be true or false")]
    [InlineData("\"targets\": [\"edge\"], \"edge\": { \"function\": \"bad name\" }", "Supabase function name")]
    public void Malformed_targets_or_edge_settings_are_refused_with_the_file_and_the_fix(string json, string expected)
    {
        var source = MemoryWorkspace.Create("billing");
        source["modules/billing/mcp/mcpops.module.json"] = $$"""{ "name": "billing", "flavour": "typescript", "port": 8080, {{json}} }""";

        var ex = Assert.Throws<WorkspaceException>(() => Workspace.Read(new FileTree(source)));

        Assert.Contains(ex.Problems, p => p.StartsWith("modules/billing/mcp/mcpops.module.json:", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_removed_edge_module_loses_its_table_and_a_wired_workspace_plans_no_change()
    {
        var source = MemoryWorkspace.Create();
        source["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig;
        MemoryWorkspace.AddEdgeModule(source, "alerts");
        var first = new FileTree(source);
        SyncPlanner.Plan(first);
        foreach (var change in first.Changes)
        {
            source[change.Path] = change.NewContent!;
        }

        var again = new FileTree(source);
        SyncPlanner.Plan(again);
        Assert.Empty(again.Changes);
        Assert.Empty(WiringStatus.Missing(again, Workspace.Read(again))["alerts"]);

        var removed = new FileTree(source);
        removed.DeleteDirectory("modules/alerts");
        SyncPlanner.Plan(removed);
        Assert.Equal(MemoryWorkspace.SupabaseConfig, removed.Read("supabase/config.toml"));
    }

    [Fact]
    public void A_hand_written_line_inside_the_markers_is_refused_not_dropped()
    {
        var source = MemoryWorkspace.Create();
        source["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig.Replace("# mcpops:end functions", "static_files = [\"./x.html\"]\n# mcpops:end functions", StringComparison.Ordinal);

        var ex = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(new FileTree(source)));

        Assert.Contains(ex.Problems, p => p.Contains("supabase/config.toml:7: static_files = [\"./x.html\"]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_config_that_would_no_longer_parse_as_TOML_is_not_written()
    {
        var source = MemoryWorkspace.Create();
        // The same table outside the markers: sync's table would define it twice.
        source["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig + "[functions.alerts]\nverify_jwt = true\n";
        MemoryWorkspace.AddEdgeModule(source, "alerts");

        var ex = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(new FileTree(source)));

        Assert.Contains(ex.Problems, p => p.StartsWith("sync would write supabase/config.toml so that it no longer parses", StringComparison.Ordinal));
    }
}
