using System.Text.Json;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// The security and delivery rules of the generated workflows, asserted on their parsed
/// structure (YAML read by the `yaml` package) and, where the rule is about text, on the text.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class WorkflowPolicyTests(TemplatePack pack)
{
    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Every_action_is_pinned_to_a_commit_sha_with_its_version(string snapshot, string[] options)
    {
        _ = snapshot;
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);
        foreach (var workflow in output.Workflows)
        {
            var text = output.Read(workflow);
            Assert.NotEmpty(ActionPins.Uses(text));
            var problems = ActionPins.Problems(text);
            Assert.True(problems.Count == 0, $"{workflow}: " + string.Join("; ", problems));
        }
    }

    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Jobs_have_timeouts_least_permissions_concurrency_and_no_expressions_in_run(string snapshot, string[] options)
    {
        _ = snapshot;
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);
        foreach (var workflow in output.Workflows)
        {
            var root = await WorkflowTools.YamlAsJsonAsync(output.Path(workflow));

            var topPermissions = root.GetProperty("permissions");
            Assert.Equal(JsonValueKind.Object, topPermissions.ValueKind);
            Assert.All(topPermissions.EnumerateObject(), p => Assert.True(p.Value.GetString() is "read" or "none", $"{workflow}: top-level permission {p.Name}: {p.Value}"));

            var workflowConcurrency = root.TryGetProperty("concurrency", out _);
            foreach (var job in root.GetProperty("jobs").EnumerateObject())
            {
                var where = $"{workflow} job {job.Name}";
                if (job.Value.TryGetProperty("uses", out var uses))
                {
                    // A job that calls a reusable workflow cannot set timeout-minutes: the called
                    // workflow's own jobs carry them (asserted when that file is checked).
                    Assert.StartsWith("./.github/workflows/", uses.GetString(), StringComparison.Ordinal);
                    Assert.True(File.Exists(output.Path(uses.GetString()!)), $"{where}: calls a missing workflow");
                }
                else
                {
                    Assert.True(job.Value.TryGetProperty("timeout-minutes", out var timeout), $"{where}: no timeout-minutes");
                    Assert.InRange(timeout.GetInt32(), 1, 60);
                    Assert.True(workflowConcurrency || job.Value.TryGetProperty("concurrency", out _), $"{where}: no concurrency group");
                    foreach (var step in job.Value.GetProperty("steps").EnumerateArray())
                    {
                        if (step.TryGetProperty("run", out var run))
                        {
                            Assert.DoesNotContain("${{", run.GetString(), StringComparison.Ordinal);
                        }
                    }
                }

                if (job.Value.TryGetProperty("permissions", out var permissions) &&
                    permissions.TryGetProperty("id-token", out var idToken) && idToken.GetString() == "write")
                {
                    var allowed = workflow.EndsWith("deploy-cloudrun.yml", StringComparison.Ordinal)
                        || workflow.EndsWith("rollback-cloudrun.yml", StringComparison.Ordinal)
                        || (workflow.EndsWith("ci.yml", StringComparison.Ordinal) && job.Name == "deploy-cloudrun")
                        || (options.Contains("artifact-registry") && (workflow.EndsWith("container.yml", StringComparison.Ordinal) || job.Name == "image"))
                        || (workflow.EndsWith("mcp-registry.yml", StringComparison.Ordinal) && job.Name == "publish");
                    Assert.True(allowed, $"{where}: id-token: write where no Google Cloud login happens");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Images_are_scanned_before_they_get_a_tag_and_never_tagged_latest(string snapshot, string[] options)
    {
        _ = snapshot;
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);
        var root = await WorkflowTools.YamlAsJsonAsync(output.Path(".github/workflows/container.yml"));
        var steps = root.GetProperty("jobs").GetProperty("publish").GetProperty("steps").EnumerateArray().ToList();
        int IndexOf(Func<JsonElement, bool> predicate) => steps.FindIndex(s => predicate(s));
        static string Uses(JsonElement step) => step.TryGetProperty("uses", out var u) ? u.GetString()! : "";

        var build = steps.Single(s => Uses(s).StartsWith("docker/build-push-action@", StringComparison.Ordinal)).GetProperty("with");
        Assert.Equal("linux/amd64,linux/arm64", build.GetProperty("platforms").GetString());
        Assert.Contains("push-by-digest=true", build.GetProperty("outputs").GetString(), StringComparison.Ordinal);
        Assert.False(build.TryGetProperty("tags", out _), "the build pushes by digest only; tags come after the scan");
        Assert.Equal("type=gha,scope=${{ inputs.module }}", build.GetProperty("cache-from").GetString());
        Assert.Equal("type=gha,mode=max,scope=${{ inputs.module }}", build.GetProperty("cache-to").GetString());
        Assert.Equal("mode=max", build.GetProperty("provenance").GetString());
        Assert.True(build.GetProperty("sbom").GetBoolean());

        var scans = steps.Where(s => Uses(s).StartsWith("aquasecurity/trivy-action@", StringComparison.Ordinal)).ToList();
        Assert.Equal(["linux/amd64", "linux/arm64"], scans.Select(s => s.GetProperty("env").GetProperty("TRIVY_PLATFORM").GetString()));
        Assert.Matches(@"^v\d+\.\d+\.\d+$", root.GetProperty("env").GetProperty("TRIVY_VERSION").GetString());
        foreach (var scan in scans.Select(s => s.GetProperty("with")))
        {
            Assert.Equal("CRITICAL,HIGH", scan.GetProperty("severity").GetString());
            Assert.Equal("1", scan.GetProperty("exit-code").GetString());
            Assert.True(scan.GetProperty("ignore-unfixed").GetBoolean());
            Assert.Equal("${{ env.TRIVY_VERSION }}", scan.GetProperty("version").GetString());
            Assert.EndsWith("@${{ steps.build.outputs.digest }}", scan.GetProperty("image-ref").GetString(), StringComparison.Ordinal);
        }

        var lastScan = steps.IndexOf(scans[^1]);
        var tagging = IndexOf(s => s.TryGetProperty("run", out var run) && run.GetString()!.Contains("imagetools create", StringComparison.Ordinal));
        Assert.True(tagging > lastScan, "tags are added after both scans passed");
        Assert.True(IndexOf(s => Uses(s).StartsWith("anchore/sbom-action@", StringComparison.Ordinal)) > lastScan);

        var meta = steps.Single(s => Uses(s).StartsWith("docker/metadata-action@", StringComparison.Ordinal)).GetProperty("with");
        Assert.Contains("latest=false", meta.GetProperty("flavor").GetString(), StringComparison.Ordinal);
        Assert.Contains("type=sha,format=long", meta.GetProperty("tags").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("latest", meta.GetProperty("tags").GetString(), StringComparison.Ordinal);

        foreach (var file in output.Workflows.Concat(output.ShellScripts))
        {
            Assert.DoesNotMatch(@":latest\b|type=raw,value=latest", output.Read(file));
        }
    }

    [Fact]
    public async Task Cloud_run_deploys_by_digest_warm_unthrottled_with_pinned_secrets_and_rolls_back()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        var script = output.Read(".github/scripts/cloudrun-deploy.sh");
        foreach (var flag in new[] { "--min-instances=1", "--no-cpu-throttling", "--no-traffic", "--tag \"$REVISION_TAG\"",
                     "--service-account \"$RUNTIME_SERVICE_ACCOUNT\"", "--set-secrets \"MCP_AUTH_TOKEN=${SECRET_NAME}:${SECRET_VERSION}\"",
                     "--image \"$IMAGE\"", "--to-revisions \"$previous_traffic\"" })
        {
            Assert.Contains(flag, script, StringComparison.Ordinal);
        }

        var deploy = await WorkflowTools.YamlAsJsonAsync(output.Path(".github/workflows/deploy-cloudrun.yml"));
        var steps = deploy.GetProperty("jobs").GetProperty("deploy").GetProperty("steps").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.TryGetProperty("uses", out var u) && u.GetString()!.StartsWith("google-github-actions/auth@", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.TryGetProperty("with", out var w) && w.TryGetProperty("credentials_json", out _));
        var last = steps[^1];
        Assert.Contains("bash .github/scripts/cloudrun-deploy.sh", last.GetProperty("run").GetString(), StringComparison.Ordinal);
        Assert.Equal("${{ steps.image.outputs.ref }}", last.GetProperty("env").GetProperty("IMAGE").GetString());

        var ci = await WorkflowTools.YamlAsJsonAsync(output.Path(".github/workflows/ci.yml"));
        var job = ci.GetProperty("jobs").GetProperty("deploy-cloudrun");
        Assert.Contains("image", job.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("refs/heads/main", job.GetProperty("if").GetString(), StringComparison.Ordinal);

        var rollback = await WorkflowTools.YamlAsJsonAsync(output.Path(".github/workflows/rollback-cloudrun.yml"));
        var inputs = rollback.GetProperty("on").GetProperty("workflow_dispatch").GetProperty("inputs");
        Assert.True(inputs.TryGetProperty("revision", out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Railway_is_planned_on_pull_requests_and_never_deployed_from_ci(bool railway)
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack, "--railway", railway ? "true" : "false");
        foreach (var file in output.Workflows.Concat(output.ShellScripts))
        {
            Assert.DoesNotMatch(@"railway(@\S+)?\s+up\b|cli@\S+\s+up\b", output.Read(file));
        }

        var ci = await WorkflowTools.YamlAsJsonAsync(output.Path(".github/workflows/ci.yml"));
        var jobs = ci.GetProperty("jobs");
        Assert.Equal(railway, jobs.TryGetProperty("railway-plan", out var plan));
        if (railway)
        {
            Assert.Contains("pull_request", plan.GetProperty("if").GetString(), StringComparison.Ordinal);
            var step = plan.GetProperty("steps").EnumerateArray().Last();
            Assert.Contains("config plan --detailed-exit-code", step.GetProperty("run").GetString(), StringComparison.Ordinal);
            Assert.Equal("${{ secrets.RAILWAY_TOKEN }}", step.GetProperty("env").GetProperty("RAILWAY_TOKEN").GetString());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Edge_functions_deploy_only_through_mcpops_with_secrets_from_settings_then_smoke_test(bool supabase)
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack, "--supabase", supabase ? "true" : "false");
        foreach (var file in output.Workflows.Concat(output.ShellScripts))
        {
            Assert.DoesNotMatch(@"supabase\s+functions\s+deploy", output.Read(file));
        }

        const string Workflow = ".github/workflows/deploy-supabase.yml";
        Assert.Equal(supabase, File.Exists(output.Path(Workflow)));
        Assert.Equal(supabase, File.Exists(output.Path("scripts/edge-smoke-test.mjs")));
        if (!supabase)
        {
            return;
        }

        var root = await WorkflowTools.YamlAsJsonAsync(output.Path(Workflow));
        Assert.Equal(["main"], root.GetProperty("on").GetProperty("push").GetProperty("branches").EnumerateArray().Select(b => b.GetString()));
        Assert.True(root.GetProperty("on").GetProperty("workflow_dispatch").GetProperty("inputs").TryGetProperty("ref", out _), "no rollback input (redeploy an earlier commit)");
        var deploy = root.GetProperty("jobs").GetProperty("deploy");
        Assert.Equal("read", deploy.GetProperty("permissions").GetProperty("contents").GetString());
        Assert.Single(deploy.GetProperty("permissions").EnumerateObject());
        var steps = deploy.GetProperty("steps").EnumerateArray().ToList();
        var runs = steps.Select(s => s.TryGetProperty("run", out var r) ? r.GetString()! : "").ToList();
        var build = runs.FindIndex(r => r.Contains("npm run build:edge", StringComparison.Ordinal));
        var deployStep = runs.FindIndex(r => r == "dotnet mcpops supabase deploy \"$MODULE\"");
        var smoke = runs.FindIndex(r => r.Contains("node scripts/edge-smoke-test.mjs", StringComparison.Ordinal));
        Assert.True(build >= 0 && deployStep > build && smoke > deployStep, $"build ({build}), deploy ({deployStep}), smoke test ({smoke}) out of order");
        var env = steps[deployStep].GetProperty("env");
        Assert.Equal("${{ secrets.SUPABASE_ACCESS_TOKEN }}", env.GetProperty("SUPABASE_ACCESS_TOKEN").GetString());
        Assert.Equal("${{ vars.SUPABASE_PROJECT_REF }}", env.GetProperty("SUPABASE_PROJECT_REF").GetString());
        Assert.Equal("${{ secrets.SUPABASE_ANON_KEY }}", steps[smoke].GetProperty("env").GetProperty("SUPABASE_ANON_KEY").GetString());
        // The token is on no other step: the dry run, the build and the smoke test never see it.
        Assert.Single(steps, s => s.TryGetProperty("env", out var e) && e.TryGetProperty("SUPABASE_ACCESS_TOKEN", out _));
        Assert.Contains("Rollback", output.Read(Workflow), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependabot_updates_actions_npm_and_every_module_base_image()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        var root = await WorkflowTools.YamlAsJsonAsync(output.Path(".github/dependabot.yml"));
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        var updates = root.GetProperty("updates").EnumerateArray().ToDictionary(u => u.GetProperty("package-ecosystem").GetString()!);
        Assert.Equal(["docker", "github-actions", "npm"], updates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/modules/*/mcp", updates["docker"].GetProperty("directories")[0].GetString());
        Assert.Equal("/", updates["npm"].GetProperty("directory").GetString());
    }
}
