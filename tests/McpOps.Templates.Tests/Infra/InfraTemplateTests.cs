using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// devops-compose and devops-k8s: snapshots of the defaults and each option, and bad input.
/// dotnet new has no constraint that can tell a workspace from any folder (its constraints know the
/// OS, host, SDK and workloads only), so outside a workspace the templates write infra/ and nothing
/// else; the README says to run them at the workspace root, and `mcpops check` reports a stray infra/.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class InfraTemplateTests(TemplatePack pack)
{
    [Theory]
    [InlineData("devops-compose.default", "devops-compose", new string[0])]
    [InlineData("devops-compose.postgres", "devops-compose", new[] { "--postgres" })]
    [InlineData("devops-compose.redis", "devops-compose", new[] { "--redis" })]
    [InlineData("devops-compose.otel", "devops-compose", new[] { "--otel" })]
    [InlineData("devops-k8s.default", "devops-k8s", new string[0])]
    [InlineData("devops-k8s.external-secrets", "devops-k8s", new[] { "--external-secrets" })]
    public async Task Snapshot(string snapshot, string template, string[] options)
    {
        using var temp = new TempDirectory();
        var root = temp.Combine("acme");
        Directory.CreateDirectory(root);
        (await pack.NewAsync(root, [template, .. options])).EnsureSuccess();

        DirectorySnapshot.Verify(snapshot, root);
    }

    [Theory]
    [InlineData("devops-compose", "--postgres", "maybe")]
    [InlineData("devops-compose", "--otel", "yes-please")]
    [InlineData("devops-k8s", "--external-secrets", "vault")]
    public async Task Unknown_option_value_is_reported_and_nothing_is_written(string template, string option, string value)
    {
        using var temp = new TempDirectory();
        var changes = TreeChanges.Record(temp.Path);

        var result = await pack.NewAsync(temp.Path, template, option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(value, result.Output, StringComparison.Ordinal);
        Assert.Empty(changes.Since());
    }

    [Theory]
    [InlineData("devops-compose", "--postgres", "infra/compose/docker-compose.yml")]
    [InlineData("devops-k8s", "--external-secrets", "infra/k8s/base/kustomization.yaml")]
    public async Task Running_again_without_force_changes_nothing(string template, string option, string edited)
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, [], []);
        var file = workspace.Path_(edited.Split('/'));
        File.AppendAllText(file, "# a user's edit\n");
        var changes = TreeChanges.Record(workspace.Root);

        var result = await pack.NewAsync(workspace.Root, template, option);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--force", result.Output, StringComparison.Ordinal);
        Assert.Empty(changes.Since());
    }

    [Theory]
    [InlineData("devops-compose", "infra/compose/")]
    [InlineData("devops-k8s", "infra/k8s/")]
    public async Task Outside_a_workspace_only_infra_is_written(string template, string prefix)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("notes.txt"), "not a workspace");
        var changes = TreeChanges.Record(temp.Path);

        (await pack.NewAsync(temp.Path, template)).EnsureSuccess();

        // Its files and its own trace (docs/upgrade.md), nothing else.
        Assert.All(changes.Since(), path => Assert.True(path.StartsWith(prefix, StringComparison.Ordinal) || path == $".mcpops/instances/{template}.json", path));
        Assert.False(Directory.Exists(temp.Combine("modules")));
    }
}
