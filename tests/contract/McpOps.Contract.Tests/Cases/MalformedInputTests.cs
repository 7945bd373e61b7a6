using System.Diagnostics;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>
/// The malformed-input suite (tests/validators/conformance/bad-input.mjs: 60 cases of truncated JSON, wrong
/// types, huge bodies, unknown methods, bad headers, then a real client) passes against every runtime.
/// </summary>
public sealed class MalformedInputTests
{
    private static string Validator => Path.Combine(RepositoryLayout.Root, "tests", "validators", "conformance");

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Every_malformed_request_gets_its_documented_answer_and_the_server_keeps_serving(string runtime)
    {
        Assert.True(Directory.Exists(Path.Combine(Validator, "node_modules", "@modelcontextprotocol")),
            $"the validator in {Validator} is not installed: run `npm ci --prefix {Validator}` (bash tests/run does)");
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["LOG_LEVEL"] = "warn" });

        using var suite = Process.Start(new ProcessStartInfo("node", [Path.Combine(Validator, "bad-input.mjs"), contract.Server.BaseUrl.ToString(), RuntimeProcess.Token])
        {
            WorkingDirectory = Validator,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await suite.StandardOutput.ReadToEndAsync();
        var errors = await suite.StandardError.ReadToEndAsync();
        await suite.WaitForExitAsync();

        var failures = output.Split('\n').Where(line => line.Contains("\"ok\":false", StringComparison.Ordinal));
        Assert.True(suite.ExitCode == 0, $"{string.Join('\n', failures)}\n{errors}\n{output[^Math.Min(400, output.Length)..]}");
        Assert.Contains("\"failed\":0", output, StringComparison.Ordinal);
    }
}
