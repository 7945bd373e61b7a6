using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// The Definition of Done holds for what the pack generates: a workspace made with every
/// template (mcp-workspace, two TypeScript modules and a C# one, a module also served as a Supabase
/// Edge Function and one served only there, devops-compose with its companions, devops-k8s with
/// ExternalSecrets, devops-ci) and wired by `mcpops sync` has no finding, and stays in sync.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class AllTemplatesWorkspaceTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-all-templates");

    [Fact]
    public async Task Workspace_generated_with_every_template_has_zero_findings()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        GeneratedWorkspaces.Add(pack, root, "billing");
        GeneratedWorkspaces.Add(pack, root, "inventory", "--port", "8082");
        GeneratedWorkspaces.Add(pack, root, "ledger", "--port", "8083", "--language", "C#");
        GeneratedWorkspaces.Add(pack, root, "alerts", "--edge");
        // Edge-only: no Dockerfile, Railway service, compose or Kubernetes files, and none asked for.
        GeneratedWorkspaces.Add(pack, root, "notify", "--edge-only");
        (await pack.NewAsync(root, "devops-compose", "--postgres", "--redis", "--otel")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-k8s", "--external-secrets")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-ci")).EnsureSuccess();

        var sync = CliRun.In(root, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var syncCheck = CliRun.In(root, "sync", "--check");
        Assert.True(syncCheck.ExitCode == 0, syncCheck.ToString());

        var check = CliRun.In(root, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.StartsWith("mcpops check: no findings (5 module(s)", check.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "modules", "notify", "mcp", "Dockerfile")));

        // The wiring reached every aggregate the templates created.
        Assert.Contains("../../modules/ledger/mcp/deploy/compose.yaml", File.ReadAllText(Path.Combine(root, "infra", "compose", "docker-compose.yml")), StringComparison.Ordinal);
        Assert.Contains("../../../../modules/ledger/mcp/deploy/k8s", File.ReadAllText(Path.Combine(root, "infra", "k8s", "environments", "production", "kustomization.yaml")), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
