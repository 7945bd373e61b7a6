using System.Text.Json;
using McpOps.Templates.Tests.Ci;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// .github/workflows/release.yml goes through the same validators as the generated workflows
/// (GitHub's @actions/workflow-parser and actionlint, tests/validators/workflows; shellcheck) and
/// through the release policy: only a v*.*.* tag, the tag must equal the one version before
/// anything is built, both packages packed with an SBOM, pushed with NuGet trusted publishing
/// (OIDC, no stored key), every action pinned by SHA, least permissions per job.
/// </summary>
public sealed class ReleaseWorkflowTests
{
    [Fact]
    public async Task Passes_workflow_parser_and_actionlint()
    {
        var result = await WorkflowTools.ValidateAsync(RepositoryPaths.Root, [ReleaseWorkflow.RelativePath]);

        Assert.True(result.ExitCode == 0, result.Output);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var file = report.RootElement.GetProperty("files").EnumerateArray().Single();
        Assert.Empty(file.GetProperty("parser").EnumerateArray());
        Assert.Empty(file.GetProperty("actionlint").EnumerateArray());
        // Only actionlint 1.6.22's outdated data is ignored: runner labels, and the `vars` context.
        Assert.All(file.GetProperty("ignored").EnumerateArray(), finding =>
            Assert.Matches(@"\[runner-label\]|\[expression\] undefined variable ""vars""", finding.GetString()));
    }

    [Fact]
    public async Task The_validators_report_a_broken_copy_of_it()
    {
        using var temp = new TempDirectory("mcpops-release-workflow");
        var text = File.ReadAllText(ReleaseWorkflow.FullPath)
            .Replace("needs: [version, gather]", "needs: [version, no-such-job]", StringComparison.Ordinal)
            .Replace("run: bash .github/scripts/release-version.sh \"$TAG\"", "run: echo \"${{ github.event.head_commit.message }}\"", StringComparison.Ordinal);
        Directory.CreateDirectory(temp.Combine(".github", "workflows"));
        File.WriteAllText(temp.Combine(".github", "workflows", "release.yml"), text);

        var result = await WorkflowTools.ValidateAsync(temp.Path, [ReleaseWorkflow.RelativePath]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-job", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("potentially untrusted", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_only_on_a_version_tag()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        var on = workflow.Root.GetProperty("on");

        Assert.Equal(["push"], on.EnumerateObject().Select(p => p.Name));
        var push = on.GetProperty("push");
        Assert.Equal(["tags"], push.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["v*.*.*"], push.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(workflow.Root.GetProperty("concurrency").GetProperty("cancel-in-progress").GetBoolean(), "a release in progress is never cancelled half-pushed");
    }

    [Fact]
    public async Task Every_action_is_pinned_to_a_commit_sha_with_its_version_as_in_the_generated_workflows()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        Assert.Empty(ActionPins.Problems(workflow.Text));

        // One pin per action: where the devops-ci template uses the same action, it is the same commit.
        var templatePins = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "templates", "devops-ci", ".github", "workflows"), "*.yml")
            .SelectMany(file => ActionPins.Uses(File.ReadAllText(file)))
            .Where(u => u.Reference.Contains('@', StringComparison.Ordinal))
            .GroupBy(u => u.Reference.Split('@')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(u => u.Reference).Distinct().Single(), StringComparer.Ordinal);
        var shared = 0;
        foreach (var (reference, _) in ActionPins.Uses(workflow.Text))
        {
            if (templatePins.TryGetValue(reference.Split('@')[0], out var templateReference))
            {
                shared++;
                Assert.Equal(templateReference, reference);
            }
        }

        Assert.True(shared >= 3, "checkout, setup-dotnet and setup-node are shared with the devops-ci template");
    }

    [Fact]
    public async Task Jobs_have_least_permissions_timeouts_and_no_expressions_in_run()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();

        Assert.Equal("""{"contents":"read"}""", workflow.Root.GetProperty("permissions").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        var writes = new List<string>();
        foreach (var job in workflow.Jobs)
        {
            Assert.True(job.Value.TryGetProperty("permissions", out var permissions), $"job {job.Name}: no permissions of its own");
            writes.AddRange(permissions.EnumerateObject().Where(p => p.Value.GetString() == "write").Select(p => $"{job.Name}:{p.Name}"));
            Assert.InRange(job.Value.GetProperty("timeout-minutes").GetInt32(), 1, 60);
            foreach (var step in ReleaseWorkflow.Steps(job.Value))
            {
                Assert.DoesNotContain("${{", ReleaseWorkflow.Run(step), StringComparison.Ordinal);
            }
        }

        // The OIDC token only where NuGet/login runs; writing to the repository only to create the release.
        Assert.Equal(["github-release:contents", "publish:id-token"], writes.Order(StringComparer.Ordinal));
        Assert.Contains(ReleaseWorkflow.Steps(workflow.Job("publish")), s => ReleaseWorkflow.Uses(s).StartsWith("NuGet/login@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tag_must_equal_the_one_version_before_anything_is_tested_packed_or_pushed()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        var gate = ReleaseWorkflow.Steps(workflow.Job("version")).Single(s => ReleaseWorkflow.Run(s).Contains(ReleaseWorkflow.GateScript, StringComparison.Ordinal));

        Assert.Equal("${{ github.ref_name }}", gate.GetProperty("env").GetProperty("TAG").GetString());
        Assert.Equal("version", gate.GetProperty("id").GetString());
        Assert.Equal("${{ steps.version.outputs.version }}", workflow.Job("version").GetProperty("outputs").GetProperty("version").GetString());
        foreach (var job in workflow.Jobs.Where(j => j.Name != "version"))
        {
            Assert.Contains("version", workflow.Upstream(job.Name));
        }

        Assert.Contains("test", workflow.Upstream("publish"));
        Assert.Contains("pack-native", workflow.Upstream("publish"));
        Assert.Contains("publish", workflow.Upstream("github-release"));
    }

    [Fact]
    public async Task Packs_both_packages_with_an_sbom_each_and_attaches_them_to_the_release()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        var pack = string.Join('\n', ReleaseWorkflow.Steps(workflow.Job("pack")).Select(ReleaseWorkflow.Run));

        Assert.Contains("dotnet pack TemplatePack.csproj -c Release", pack, StringComparison.Ordinal);
        Assert.Contains("dotnet pack src/McpOps.Cli/McpOps.Cli.csproj -c Release", pack, StringComparison.Ordinal);
        Assert.Contains("dotnet tool restore", pack, StringComparison.Ordinal);
        Assert.Contains("dotnet CycloneDX src/McpOps.Cli/McpOps.Cli.csproj", pack, StringComparison.Ordinal);
        Assert.Contains("dotnet CycloneDX TemplatePack.csproj", pack, StringComparison.Ordinal);

        // What is pushed and released is the gathered set: the pack job's packages and SBOMs and every native package.
        var upload = ReleaseWorkflow.Steps(workflow.Job("gather")).Single(s => ReleaseWorkflow.Uses(s).StartsWith("actions/upload-artifact@", StringComparison.Ordinal)).GetProperty("with");
        Assert.Equal("release", upload.GetProperty("name").GetString());
        Assert.Contains("artifacts/sbom/*.cdx.json", upload.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("error", upload.GetProperty("if-no-files-found").GetString());
        Assert.Equal(["gather"], ReleaseWorkflow.Needs(workflow.Job("publish")).Where(j => j != "version"));

        var release = string.Join('\n', ReleaseWorkflow.Steps(workflow.Job("github-release")).Select(ReleaseWorkflow.Run));
        Assert.Contains("gh release create \"$TAG\" --verify-tag", release, StringComparison.Ordinal);
        Assert.Contains("artifacts/sbom/*.cdx.json", release, StringComparison.Ordinal);

        // The SBOM tool is pinned in this repository's tool manifest.
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".config", "dotnet-tools.json")));
        var cyclonedx = manifest.RootElement.GetProperty("tools").GetProperty("cyclonedx");
        Assert.Matches(@"^\d+\.\d+\.\d+$", cyclonedx.GetProperty("version").GetString());
        Assert.Contains("dotnet-CycloneDX", cyclonedx.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Pushes_with_a_short_lived_key_from_trusted_publishing_and_never_a_stored_one()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();

        Assert.DoesNotContain("secrets.", workflow.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("--api-key", workflow.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" -k ", workflow.Text, StringComparison.Ordinal);

        var publish = workflow.Job("publish");
        var steps = ReleaseWorkflow.Steps(publish).ToList();
        var login = steps.Single(s => ReleaseWorkflow.Uses(s).StartsWith("NuGet/login@", StringComparison.Ordinal));
        Assert.StartsWith("${{ vars.", login.GetProperty("with").GetProperty("user").GetString(), StringComparison.Ordinal);
        var loginId = login.GetProperty("id").GetString();

        var push = steps.Single(s => ReleaseWorkflow.Run(s).Contains("dotnet nuget push", StringComparison.Ordinal));
        Assert.True(steps.IndexOf(push) > steps.IndexOf(login));
        Assert.Equal($"${{{{ steps.{loginId}.outputs.NUGET_API_KEY }}}}", push.GetProperty("env").GetProperty("NUGET_API_KEY").GetString());
        Assert.Contains("--source https://api.nuget.org/v3/index.json", ReleaseWorkflow.Run(push), StringComparison.Ordinal);
        // NUGET_API_KEY is read by NuGet 7.6 and later (.NET SDK 10.0.4xx): the job installs that SDK.
        Assert.Equal("10.0.4xx", workflow.Root.GetProperty("env").GetProperty("DOTNET_SDK").GetString());
        Assert.Equal("nuget", publish.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Every_run_block_and_the_gate_script_pass_shellcheck()
    {
        var workflow = await ReleaseWorkflow.LoadAsync();
        using var blocks = new TempDirectory("mcpops-release-run");
        var files = new List<string>();
        foreach (var job in workflow.Jobs)
        {
            var index = 0;
            foreach (var step in ReleaseWorkflow.Steps(job.Value))
            {
                index++;
                if (step.TryGetProperty("run", out var run))
                {
                    var name = $"{job.Name}.{index}.sh";
                    File.WriteAllText(blocks.Combine(name), "#!/usr/bin/env bash\nset -eo pipefail\n" + run.GetString());
                    files.Add(name);
                }
            }
        }

        File.Copy(Path.Combine(RepositoryPaths.Root, ReleaseWorkflow.GateScript), blocks.Combine("release-version.sh"));
        var result = await WorkflowTools.ShellcheckAsync(blocks.Path, ["--shell=bash", "--severity=style", "release-version.sh", .. files]);

        Assert.True(result.ExitCode == 0, result.Output);
    }
}
