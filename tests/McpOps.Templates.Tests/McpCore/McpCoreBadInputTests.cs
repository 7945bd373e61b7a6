using System.Text.Json;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpOps.Templates.Tests.McpCore;

/// <summary>
/// Sends 60 malformed requests (truncated JSON, wrong types, huge bodies, unknown methods, missing
/// headers, foreign origins...) to a generated module, each answered with the right HTTP status and
/// JSON-RPC error code; then a real client still gets served and the process never crashed.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class McpCoreBadInputTests(TemplatePack pack, ITestOutputHelper output)
{
    private const string Token = "bad-input-token-not-a-secret";

    [Fact]
    public async Task Fifty_plus_malformed_requests_get_clear_errors_and_a_good_call_still_succeeds()
    {
        ConformanceValidator.EnsureInstalled();
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(
            "node", ["dist/server.mjs"], workspace.ModuleFolder("inventory"), new Dictionary<string, string> { ["MCP_AUTH_TOKEN"] = Token });

        var run = await ProcessRunner.RunAsync(
            "node", [ConformanceValidator.Script("bad-input.mjs"), server.BaseUrl.ToString(), Token], ConformanceValidator.Folder,
            timeout: TimeSpan.FromMinutes(2));

        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cases = lines.SkipLast(1).Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            Assert.True(cases.Count >= 50, $"at least 50 malformed requests were sent:\n{run.Output}");
            var failed = cases.Where(c => !c.RootElement.GetProperty("ok").GetBoolean()).Select(c => c.RootElement.ToString()).ToList();
            Assert.True(failed.Count == 0, "cases with a wrong answer:\n" + string.Join('\n', failed));
            Assert.DoesNotContain(cases, c => c.RootElement.GetProperty("status").GetInt32() >= 500);
        }
        finally
        {
            cases.ForEach(c => c.Dispose());
        }

        using var summary = JsonDocument.Parse(lines[^1]);
        output.WriteLine(summary.RootElement.ToString());
        Assert.Equal(200, summary.RootElement.GetProperty("summary").GetProperty("healthAfter").GetInt32());
        Assert.True(summary.RootElement.GetProperty("summary").GetProperty("goodCallAfter").GetBoolean(), run.Output);
        run.EnsureSuccess();
        Assert.DoesNotContain(Token, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"severity\":\"ERROR\"", server.Output, StringComparison.Ordinal);
    }
}
