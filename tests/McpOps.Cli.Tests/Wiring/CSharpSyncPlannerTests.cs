using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Wiring;

/// <summary>Sync on in-memory workspaces that mix TypeScript and C# modules.</summary>
public sealed class CSharpSyncPlannerTests
{
    [Fact]
    public void A_CSharp_module_is_told_from_its_project_and_read_from_its_files()
    {
        var source = MemoryCSharpModules.Create("billing");
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp", port: 8082, description: "Stock &amp; &lt;orders&gt;.");

        var workspace = Workspace.Read(new FileTree(source));

        Assert.Equal([ModuleFlavours.TypeScript, ModuleFlavours.CSharp], workspace.Modules.Select(m => m.Flavour));
        var inventory = workspace.Modules[1];
        Assert.Equal("Inventory.Mcp", inventory.PackageName);
        Assert.Equal("Stock & <orders>.", inventory.Description);
        Assert.Equal(8082, inventory.Port);
        Assert.Equal(RailwayConfig.Ts, inventory.Railway);
        Assert.Equal("modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj", inventory.Manifest);
        Assert.Equal(
            ["modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj", "modules/inventory/mcp/test/Inventory.Mcp.Tests/Inventory.Mcp.Tests.csproj"],
            inventory.SolutionProjects);
    }

    [Fact]
    public void The_solution_lists_each_CSharp_module_by_name_with_its_projects_as_found_on_disk()
    {
        var source = MemoryCSharpModules.Create("billing");
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        MemoryCSharpModules.Add(source, "crm-sync", "CrmSync.Mcp", port: 8083);
        // A project named unlike its folder, and a second test project: read, not derived from the name.
        source["modules/crm-sync/mcp/test/Contract/CrmSync.Contract.Tests.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n";
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        Assert.Equal("""
            <Solution>
              <Folder Name="/modules/_shared/mcp-core-dotnet/">
                <Project Path="modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj" />
              </Folder>
              <!-- mcpops:begin modules -->
              <Folder Name="/modules/crm-sync/">
                <Project Path="modules/crm-sync/mcp/src/CrmSync.Mcp/CrmSync.Mcp.csproj" />
                <Project Path="modules/crm-sync/mcp/test/Contract/CrmSync.Contract.Tests.csproj" />
                <Project Path="modules/crm-sync/mcp/test/CrmSync.Mcp.Tests/CrmSync.Mcp.Tests.csproj" />
              </Folder>
              <Folder Name="/modules/inventory/">
                <Project Path="modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj" />
                <Project Path="modules/inventory/mcp/test/Inventory.Mcp.Tests/Inventory.Mcp.Tests.csproj" />
              </Folder>
              <!-- mcpops:end modules -->
            </Solution>

            """, tree.Read(MemoryCSharpModules.SolutionPath));
    }

    [Fact]
    public void CSharp_modules_get_railway_and_readme_entries_but_no_typescript_reference()
    {
        var source = MemoryCSharpModules.Create("billing");
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp", port: 8082, description: "Stock | levels.");
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        var tsconfig = tree.Read("tsconfig.json")!;
        Assert.Contains("{ \"path\": \"./modules/billing/mcp\" },", tsconfig);
        Assert.DoesNotContain("inventory", tsconfig);
        Assert.Contains("import inventoryService from \"../modules/inventory/mcp/railway.service.ts\";", tree.Read(".railway/railway.ts"));
        Assert.Contains("inventoryService({ ctx, source }),", tree.Read(".railway/railway.ts"));
        Assert.Contains("| inventory | Stock \\| levels. | 8082 | [modules/inventory/mcp](modules/inventory/mcp/) |", tree.Read("README.md"));
        Assert.DoesNotContain("billing", tree.Read(MemoryCSharpModules.SolutionPath));
        Assert.DoesNotContain(tree.Changes, c => c.Path.StartsWith("modules/", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_and_kubernetes_list_a_CSharp_module_like_a_TypeScript_one()
    {
        var source = MemoryCSharpModules.Create();
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source["infra/compose/docker-compose.yml"] = "# mcpops:begin modules\n# mcpops:end modules\n";
        source["infra/k8s/environments/prod/kustomization.yaml"] = "resources:\n  # mcpops:begin modules\n  # mcpops:end modules\n";
        source["modules/inventory/mcp/deploy/compose.yaml"] = "services: {}\n";
        source["modules/inventory/mcp/deploy/k8s/kustomization.yaml"] = "resources: []\n";
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        Assert.Contains("  - path: ../../modules/inventory/mcp/deploy/compose.yaml\n", tree.Read("infra/compose/docker-compose.yml"));
        Assert.Contains("  - ../../../../modules/inventory/mcp/deploy/k8s\n", tree.Read("infra/k8s/environments/prod/kustomization.yaml"));
    }

    [Fact]
    public void A_removed_module_drops_out_of_the_solution_and_entries_outside_the_markers_stay()
    {
        var source = MemoryCSharpModules.Create();
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source[MemoryCSharpModules.SolutionPath] = MemoryCSharpModules.Solution
            .Replace("<Solution>\n", "<Solution>\n  <Project Path=\"tools/Mine/Mine.csproj\" />\n", StringComparison.Ordinal)
            .Replace("  <!-- mcpops:end modules -->\n", "  <Folder Name=\"/modules/ghost/\">\n    <Project Path=\"modules/ghost/mcp/src/Ghost.Mcp/Ghost.Mcp.csproj\" />\n  </Folder>\n  <!-- mcpops:end modules -->\n", StringComparison.Ordinal);
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        var solution = tree.Read(MemoryCSharpModules.SolutionPath)!;
        Assert.DoesNotContain("ghost", solution);
        Assert.Contains("<Folder Name=\"/modules/inventory/\">", solution);
        Assert.Contains("<Project Path=\"tools/Mine/Mine.csproj\" />", solution);
    }

    [Fact]
    public void Restores_the_server_project_reference_and_a_wired_workspace_then_plans_no_change()
    {
        var source = MemoryCSharpModules.Create("billing");
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        const string server = "modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj";
        source[server] = MemoryCSharpModules.ServerProject("The inventory module.").Replace("../../../../_shared", "../../../_shared", StringComparison.Ordinal);
        var first = new FileTree(source);
        SyncPlanner.Plan(first);
        Assert.Equal(MemoryCSharpModules.ServerProject("The inventory module."), first.Read(server));
        Assert.Contains(first.Changes, c => c.Path == server);
        foreach (var change in first.Changes)
        {
            source[change.Path] = change.NewContent!;
        }

        var second = new FileTree(source);
        SyncPlanner.Plan(second);

        Assert.False(second.HasChanges);
        Assert.Empty(WiringStatus.Missing(second, Workspace.Read(second))["inventory"]);
    }

    [Fact]
    public void Wiring_status_names_a_broken_reference_and_a_missing_solution_entry()
    {
        var source = MemoryCSharpModules.Create();
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source["modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n</Project>\n";
        var tree = new FileTree(source);

        var missing = WiringStatus.Missing(tree, Workspace.Read(tree))["inventory"];

        Assert.Contains($"modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj: ProjectReference {MemoryCSharpModules.CoreReference}", missing);
        Assert.Contains("acme.slnx: modules", missing);
        Assert.DoesNotContain(missing, m => m.Contains("tsconfig", StringComparison.Ordinal) || m.Contains("package.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_solution_CSharp_modules_get_a_note_and_typescript_only_workspaces_none()
    {
        var typeScriptOnly = MemoryWorkspace.Create("billing");
        Assert.DoesNotContain(SyncPlanner.Plan(new FileTree(typeScriptOnly)).Notes, n => n.Contains(".slnx", StringComparison.Ordinal));

        var mixed = MemoryWorkspace.Create("billing");
        MemoryCSharpModules.Add(mixed, "inventory", "Inventory.Mcp");
        var plan = SyncPlanner.Plan(new FileTree(mixed));

        Assert.Contains(plan.Notes, n => n.StartsWith("no <workspace>.slnx at the workspace root: C# modules", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.StartsWith(Workspace.McpCoreDotnetProject + " not found: the C# modules (inventory)", StringComparison.Ordinal));
    }

    [Fact]
    public void With_several_solutions_the_one_with_markers_is_wired()
    {
        var source = MemoryCSharpModules.Create();
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source["Other.slnx"] = "<Solution>\n</Solution>\n";
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        Assert.Equal(["acme.slnx"], tree.Changes.Select(c => c.Path).Where(p => p.EndsWith(".slnx", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_solution_without_markers_is_an_error_that_says_where_they_go()
    {
        var source = MemoryCSharpModules.Create();
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source[MemoryCSharpModules.SolutionPath] = "<Solution>\n</Solution>\n";
        var tree = new FileTree(source);

        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(tree));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("acme.slnx: has no mcpops markers for its modules. Put `<!-- mcpops:begin modules -->` and `<!-- mcpops:end modules -->`", problem);
        Assert.Contains("inside <Solution>", problem);
    }

    [Fact]
    public void A_malformed_project_file_is_named_with_its_line_and_nothing_is_planned()
    {
        var source = MemoryCSharpModules.Create("billing");
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source["modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj"] = "<Project>\n  <PropertyGroup>\n    <Description>x</Descripton>\n  </PropertyGroup>\n</Project>\n";
        var tree = new FileTree(source);

        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(tree));

        Assert.Contains(error.Problems, p => p.StartsWith("modules/inventory/mcp/src/Inventory.Mcp/Inventory.Mcp.csproj:3:", StringComparison.Ordinal) && p.Contains("invalid XML", StringComparison.Ordinal));
        Assert.False(tree.HasChanges);
    }

    [Fact]
    public void A_module_folder_with_neither_package_json_nor_a_project_is_an_error()
    {
        var source = MemoryCSharpModules.Create("billing");
        source["modules/empty/mcp/README.md"] = "# empty\n";

        var error = Assert.Throws<WorkspaceException>(() => Workspace.Read(new FileTree(source)));

        Assert.Equal("modules/empty/mcp: no module flavour recognises it (TypeScript: package.json and tsconfig.json; C#: src/<Project>/<Project>.csproj and no package.json): generate modules with `mcpops add`.", Assert.Single(error.Problems));
    }

    [Fact]
    public void Several_source_projects_need_one_named_Mcp_to_tell_the_server()
    {
        var source = MemoryCSharpModules.Create();
        MemoryCSharpModules.Add(source, "inventory", "Inventory.Mcp");
        source["modules/inventory/mcp/src/Inventory.Domain/Inventory.Domain.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n";
        var tree = new FileTree(source);
        SyncPlanner.Plan(tree);
        Assert.Contains("<Project Path=\"modules/inventory/mcp/src/Inventory.Domain/Inventory.Domain.csproj\" />", tree.Read(MemoryCSharpModules.SolutionPath));

        source["modules/inventory/mcp/src/Other.Mcp/Other.Mcp.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n";
        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(new FileTree(source)));
        Assert.StartsWith("modules/inventory/mcp/src: 3 projects (Inventory.Domain.csproj, Inventory.Mcp.csproj, Other.Mcp.csproj) and more than one named <Name>.Mcp.csproj", Assert.Single(error.Problems));
    }
}
