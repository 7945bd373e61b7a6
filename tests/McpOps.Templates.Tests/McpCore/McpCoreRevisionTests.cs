using System.Text.Json;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.McpCore;

/// <summary>
/// Real clients of every protocol revision mcp-core serves (SDK 2.4.0 pinned to 2026-07-28 and in
/// auto negotiation, SDK 1.32.2 speaking 2025-11-25, SDK 1.22.0 speaking 2025-06-18, and both 1.x
/// SDKs over legacy HTTP+SSE) initialize or discover, list tools and call one on a generated module.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class McpCoreRevisionTests(TemplatePack pack)
{
    private const string Token = "revision-token-not-a-secret";

    [Fact]
    public async Task Clients_of_each_served_revision_list_and_call_tools_on_a_generated_module()
    {
        ConformanceValidator.EnsureInstalled();
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(
            "node", ["dist/server.mjs"], workspace.ModuleFolder("billing"), new Dictionary<string, string> { ["MCP_AUTH_TOKEN"] = Token });

        var run = await ProcessRunner.RunAsync(
            "node",
            [ConformanceValidator.Script("revision-clients.mjs"), server.BaseUrl.ToString(), Token, "echo", """{"text":"hello revisions"}"""],
            ConformanceValidator.Folder,
            timeout: TimeSpan.FromMinutes(2));

        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            var byClient = lines.ToDictionary(d => d.RootElement.GetProperty("client").GetString()!, d => d.RootElement);
            var expected = new Dictionary<string, string?>
            {
                ["sdk-2.4.0 pinned 2026-07-28"] = "2026-07-28",
                ["sdk-2.4.0 auto negotiation"] = "2026-07-28",
                ["sdk-1.32.2 (2025-11-25)"] = "2025-11-25",
                ["sdk-1.22.0 (2025-06-18)"] = "2025-06-18",
                ["sdk-1.32.2 legacy SSE"] = null,
                ["sdk-1.22.0 legacy SSE"] = null,
            };
            foreach (var (client, version) in expected)
            {
                Assert.True(byClient.TryGetValue(client, out var line), $"{client} ran:\n{run.Output}");
                Assert.False(line.TryGetProperty("error", out var error), $"{client}: {error}\n{server.Output}");
                Assert.Equal(version, line.GetProperty("protocolVersion").GetString());
                Assert.Equal("billing-mcp", line.GetProperty("server").GetString());
                Assert.Contains("echo", line.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
                var result = line.GetProperty("result");
                Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), client);
                Assert.Equal("hello revisions", result.GetProperty("content")[0].GetProperty("text").GetString());
            }

            run.EnsureSuccess();
        }
        finally
        {
            lines.ForEach(d => d.Dispose());
        }

        Assert.DoesNotContain(Token, server.Output, StringComparison.Ordinal);
    }
}
