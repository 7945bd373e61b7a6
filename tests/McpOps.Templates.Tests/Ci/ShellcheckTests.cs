using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// shellcheck (Debian package) on every shell script the template generates and on every
/// `run:` block of its workflows (bash on ubuntu runners). In run blocks, `${{ ... }}` would be
/// expanded by Actions before bash sees it; the policy test forbids them there anyway.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class ShellcheckTests(TemplatePack pack)
{
    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Every_generated_shell_script_passes_shellcheck(string snapshot, string[] options)
    {
        _ = snapshot;
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);
        Assert.NotEmpty(output.ShellScripts);

        var result = await WorkflowTools.ShellcheckAsync(output.Root, ["--shell=bash", "--severity=style", .. output.ShellScripts]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Every_run_block_of_the_workflows_passes_shellcheck(string snapshot, string[] options)
    {
        _ = snapshot;
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);
        using var blocks = new TempDirectory("mcpops-run-blocks");
        var files = new List<string>();
        foreach (var workflow in output.Workflows)
        {
            var root = await WorkflowTools.YamlAsJsonAsync(output.Path(workflow));
            foreach (var job in root.GetProperty("jobs").EnumerateObject())
            {
                if (!job.Value.TryGetProperty("steps", out var steps))
                {
                    continue;
                }

                var index = 0;
                foreach (var step in steps.EnumerateArray())
                {
                    index++;
                    if (step.TryGetProperty("run", out var run))
                    {
                        var name = $"{Path.GetFileNameWithoutExtension(workflow)}.{job.Name}.{index}.sh";
                        // GitHub runs `bash --noprofile --norc -eo pipefail {0}`.
                        File.WriteAllText(blocks.Combine(name), "#!/usr/bin/env bash\nset -eo pipefail\n" + run.GetString());
                        files.Add(name);
                    }
                }
            }
        }

        Assert.NotEmpty(files);
        var result = await WorkflowTools.ShellcheckAsync(blocks.Path, ["--shell=bash", "--severity=style", .. files]);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Shellcheck_reports_a_real_mistake()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("bad.sh"), "#!/usr/bin/env bash\nrm -rf $1/*\n");
        var result = await WorkflowTools.ShellcheckAsync(temp.Path, ["bad.sh"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SC2086", result.Output, StringComparison.Ordinal);
    }
}
