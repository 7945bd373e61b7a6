using System.Net;
using System.Net.Sockets;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// The generated post-deploy smoke test (scripts/smoke-test.mjs) against a real generated
/// server (the shared end-to-end workspace, started as users start it): it passes with the
/// right token, and fails non-zero with a message naming the problem for a wrong token and for
/// a server that is down. Needs Node.js and the npm registry (for the workspace).
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class SmokeTestScriptTests(TemplatePack pack)
{
    private const string Token = "smoke-token-not-a-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Passes_against_a_running_server_with_the_right_token()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(workspace.ModuleFolder("billing"), Token, Http);

        var result = await RunAsync(output, server.BaseUrl.ToString(), Token, ("SMOKE_TEST_EXPECT_SERVER", "billing-mcp"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("POST /mcp without a token -> 401", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("initialize -> billing-mcp", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"tools/list -> \d+ tools: .*echo", result.StandardOutput);
        Assert.Contains("smoke test passed", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_clearly_with_a_wrong_token()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(workspace.ModuleFolder("inventory"), Token, Http);

        var result = await RunAsync(output, server.BaseUrl.ToString(), "not-the-token");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  POST /mcp initialize with the token was refused (401)", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("does not match the server's MCP_AUTH_TOKEN", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("smoke test FAILED", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_clearly_when_the_server_is_down()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);
        var url = $"http://127.0.0.1:{UnusedPort()}";

        var result = await RunAsync(output, url, Token, ("SMOKE_TEST_TIMEOUT_SECONDS", "2"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"FAIL  GET {url}/health did not answer 200 within 2 s (last: ECONNREFUSED", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_run_without_a_token_or_with_a_bad_url()
    {
        using var output = await DevopsCiOutput.GenerateAsync(pack);

        var noToken = await RunAsync(output, "http://127.0.0.1:9", "");
        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("MCP_AUTH_TOKEN is not set", noToken.StandardError, StringComparison.Ordinal);

        var badUrl = await RunAsync(output, "billing.example.com", Token);
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("not a URL", badUrl.StandardError, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(DevopsCiOutput output, string url, string token, params (string Key, string Value)[] environment)
    {
        var variables = new Dictionary<string, string> { ["MCP_AUTH_TOKEN"] = token };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        return ProcessRunner.RunAsync("node", ["scripts/smoke-test.mjs", url], output.Root, variables, TimeSpan.FromSeconds(60));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
