using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// The generated .github/scripts/edge-modules.sh and changed-modules.sh in a small git repository: only
/// changed modules with "edge" in "targets" are deployed to Supabase, only modules with a Dockerfile get
/// an image, and a manual run naming a module that is not an Edge module fails. Needs bash, git and jq.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class EdgeModulesScriptTests(TemplatePack pack)
{
    [Fact]
    public async Task Edge_modules_and_container_modules_are_told_apart()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        using var repo = new TempDirectory("mcpops-edge-modules");
        void Write(string path, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(repo.Combine(path))!);
            File.WriteAllText(repo.Combine(path), text);
        }

        foreach (var script in new[] { "changed-modules.sh", "edge-modules.sh" })
        {
            Write($".github/scripts/{script}", output.Read($".github/scripts/{script}"));
        }

        Write("modules/billing/mcp/package.json", "{}\n");
        Write("modules/billing/mcp/Dockerfile", "FROM scratch\n");
        Write("modules/billing/mcp/mcpops.module.json", "{ \"targets\": [\"container\", \"edge\"] }\n");
        Write("modules/alerts/mcp/package.json", "{}\n");
        Write("modules/alerts/mcp/mcpops.module.json", "{ \"targets\": [\"edge\"] }\n");
        Write("modules/ledger/mcp/package.json", "{}\n");
        Write("modules/ledger/mcp/Dockerfile", "FROM scratch\n");
        async Task<ProcessResult> Run(string file, params string[] args) => (await ProcessRunner.RunAsync(file, args, repo.Path)).EnsureSuccess();
        await Run("git", "init", "-q");
        await Run("git", "add", "-A");
        await Run("git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qm", "modules");
        var all = new Dictionary<string, string> { ["ALL_MODULES"] = "true" };

        var changed = (await ProcessRunner.RunAsync("bash", [".github/scripts/changed-modules.sh"], repo.Path, all)).EnsureSuccess();
        var edge = (await ProcessRunner.RunAsync("bash", [".github/scripts/edge-modules.sh"], repo.Path, all)).EnsureSuccess();
        var wrong = await ProcessRunner.RunAsync("bash", [".github/scripts/edge-modules.sh"], repo.Path, new Dictionary<string, string> { ["ALL_MODULES"] = "true", ["ONLY_MODULES"] = "ledger" });

        Assert.Contains("modules=[\"alerts\",\"billing\",\"ledger\"]", changed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("containers=[\"billing\",\"ledger\"]", changed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("modules=[\"alerts\",\"billing\"]", edge.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("'ledger' is not an Edge module", wrong.Output, StringComparison.Ordinal);
    }
}
