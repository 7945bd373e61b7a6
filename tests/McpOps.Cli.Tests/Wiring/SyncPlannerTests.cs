using McpOps.Cli.FileSystem;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Wiring;

/// <summary>The whole sync plan on in-memory workspaces: every block of the wiring contract.</summary>
public sealed class SyncPlannerTests
{
    private const string Compose = "name: acme\n# mcpops:begin modules\n# mcpops:end modules\nnetworks:\n  internal: {}\n";
    private const string Kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n  # mcpops:begin modules\n  # mcpops:end modules\n";

    [Fact]
    public void Wires_every_root_file_in_name_order()
    {
        var source = MemoryWorkspace.Create("inventory", "billing", "crm-sync");
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        Assert.Contains("""
                // mcpops:begin references
                { "path": "./modules/billing/mcp" },
                { "path": "./modules/crm-sync/mcp" },
                { "path": "./modules/inventory/mcp" },
                // mcpops:end references
            """, tree.Read("tsconfig.json"));
        Assert.Contains("""
            // mcpops:begin imports
            import billingService from "../modules/billing/mcp/railway.service.ts";
            import crmSyncService from "../modules/crm-sync/mcp/railway.service.ts";
            import inventoryService from "../modules/inventory/mcp/railway.service.ts";
            // mcpops:end imports
            """, tree.Read(".railway/railway.ts"));
        Assert.Contains("""
                  // mcpops:begin services
                  billingService({ ctx, source }),
                  crmSyncService({ ctx, source }),
                  inventoryService({ ctx, source }),
                  // mcpops:end services
            """, tree.Read(".railway/railway.ts"));
        Assert.Contains("""
            <!-- mcpops:begin modules -->
            | module | description | port | path |
            |---|---|---|---|
            | billing | The billing module. | 8080 | [modules/billing/mcp](modules/billing/mcp/) |
            | crm-sync | The crm-sync module. | 8080 | [modules/crm-sync/mcp](modules/crm-sync/mcp/) |
            | inventory | The inventory module. | 8080 | [modules/inventory/mcp](modules/inventory/mcp/) |
            <!-- mcpops:end modules -->
            """, tree.Read("README.md"));
    }

    [Fact]
    public void A_wired_workspace_plans_no_change()
    {
        var source = MemoryWorkspace.Create("billing");
        var first = new FileTree(source);
        SyncPlanner.Plan(first);
        foreach (var change in first.Changes)
        {
            source[change.Path] = change.NewContent!;
        }

        var second = new FileTree(source);
        SyncPlanner.Plan(second);
        Assert.False(second.HasChanges);
    }

    [Fact]
    public void Compose_lists_only_modules_with_a_fragment_and_is_empty_without_them()
    {
        var source = MemoryWorkspace.Create("billing", "inventory");
        source["infra/compose/docker-compose.yml"] = Compose;

        var none = new FileTree(source);
        SyncPlanner.Plan(none);
        Assert.Equal(Compose, none.Read("infra/compose/docker-compose.yml"));

        source["modules/inventory/mcp/deploy/compose.yaml"] = "services: {}\n";
        var one = new FileTree(source);
        SyncPlanner.Plan(one);
        Assert.Equal(
            "name: acme\n# mcpops:begin modules\ninclude:\n  - path: ../../modules/inventory/mcp/deploy/compose.yaml\n# mcpops:end modules\nnetworks:\n  internal: {}\n",
            one.Read("infra/compose/docker-compose.yml"));
    }

    [Fact]
    public void Every_kubernetes_environment_lists_the_modules_with_an_overlay()
    {
        var source = MemoryWorkspace.Create("billing", "inventory");
        source["infra/k8s/environments/staging/kustomization.yaml"] = Kustomization;
        source["infra/k8s/environments/production/kustomization.yaml"] = Kustomization;
        source["modules/billing/mcp/deploy/k8s/kustomization.yaml"] = "resources: []\n";
        var tree = new FileTree(source);

        var plan = SyncPlanner.Plan(tree);

        foreach (var env in new[] { "staging", "production" })
        {
            Assert.Equal(
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n  # mcpops:begin modules\n  - ../../../../modules/billing/mcp/deploy/k8s\n  # mcpops:end modules\n",
                tree.Read($"infra/k8s/environments/{env}/kustomization.yaml"));
        }

        Assert.DoesNotContain(plan.Notes, n => n.Contains("Kubernetes", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("infra/compose/ not found", StringComparison.Ordinal));
    }

    [Fact]
    public void A_module_with_a_legacy_railway_toml_is_not_imported_into_railway_ts()
    {
        var source = MemoryWorkspace.Create("billing");
        MemoryWorkspace.AddModule(source, "legacy", port: 9000, railwayToml: true);
        var tree = new FileTree(source);

        var plan = SyncPlanner.Plan(tree);

        Assert.DoesNotContain("legacy", tree.Read(".railway/railway.ts"));
        Assert.Contains("| legacy | The legacy module. | 9000 |", tree.Read("README.md"));
        Assert.Contains(plan.Notes, n => n.Contains("railway.toml", StringComparison.Ordinal) && n.Contains("legacy", StringComparison.Ordinal));
    }

    [Fact]
    public void Restores_a_module_dependency_and_reference_that_were_removed()
    {
        var source = MemoryWorkspace.Create("billing");
        source["modules/billing/mcp/package.json"] = "{\n  \"name\": \"@acme/billing-mcp\",\n  \"dependencies\": {\n    \"zod\": \"^4.6.7\"\n  }\n}\n";
        source["modules/billing/mcp/tsconfig.json"] = "{\n  \"references\": []\n}\n";
        var tree = new FileTree(source);

        SyncPlanner.Plan(tree);

        Assert.Contains("\"@acme/mcp-core\": \"file:../../_shared/mcp-core\"", tree.Read("modules/billing/mcp/package.json"));
        Assert.Contains("{ \"path\": \"../../_shared/mcp-core\" }", tree.Read("modules/billing/mcp/tsconfig.json"));
    }

    [Fact]
    public void Reports_every_problem_at_once_and_plans_nothing()
    {
        var source = MemoryWorkspace.Create("billing", "inventory");
        source["README.md"] = "# no markers\n";
        source["modules/inventory/mcp/package.json"] = "{\n  \"name\": \"x\",\n}\n";
        var tree = new FileTree(source);

        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(tree));

        Assert.Contains(error.Problems, p => p.StartsWith("modules/inventory/mcp/package.json:3:1: invalid JSON", StringComparison.Ordinal));
        Assert.False(tree.HasChanges);
    }

    [Fact]
    public void A_missing_marker_names_the_file_and_the_markers_to_add()
    {
        var source = MemoryWorkspace.Create("billing");
        source[".railway/railway.ts"] = MemoryWorkspace.Railway.Replace("      // mcpops:end services\n", "");
        var tree = new FileTree(source);

        var error = Assert.Throws<WorkspaceException>(() => SyncPlanner.Plan(tree));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith(".railway/railway.ts: has `// mcpops:begin services` (line 8) but no `// mcpops:end services`", problem);
        Assert.Contains("inside the `resources: [ ... ]` array", problem);
    }

    [Fact]
    public void A_folder_without_mcp_or_starting_with_underscore_is_not_a_module()
    {
        var source = MemoryWorkspace.Create("billing");
        source["modules/docs/README.md"] = "not a module\n";
        source["modules/_template/mcp/package.json"] = "{}";
        var tree = new FileTree(source);

        var plan = SyncPlanner.Plan(tree);

        Assert.Equal(["billing"], plan.Workspace.Modules.Select(m => m.Name));
    }
}
