using System.Net;
using System.Text.Json;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.EndToEnd;

/// <summary>
/// Generates a workspace with two modules, installs and builds it with npm, runs the modules' own
/// tests, starts both servers and talks to them with the official SDK's client over /mcp and /sse.
/// Needs Node.js and the npm registry.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class WorkspaceEndToEndTests(TemplatePack pack)
{
    private const string Token = "e2e-token-not-a-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Workspace_type_checks_and_mcp_core_and_every_module_pass_their_own_tests()
    {
        var workspace = await GeneratedWorkspace.GetAsync(pack);

        (await workspace.NpmAsync("run", "typecheck")).EnsureSuccess();
        foreach (var package in workspace.Modules.Select(module => $"modules/{module}/mcp").Prepend("modules/_shared/mcp-core"))
        {
            var test = (await workspace.NpmAsync("test", "-w", package)).EnsureSuccess();
            Assert.Matches(@"# pass [1-9]", test.Output);
            Assert.Contains("# fail 0", test.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("billing", "http")]
    [InlineData("billing", "sse")]
    [InlineData("inventory", "http")]
    [InlineData("inventory", "sse")]
    public async Task Sdk_client_initializes_lists_and_calls_a_tool(string module, string transport)
    {
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(workspace.ModuleFolder(module), Token, Http);

        var call = await ProcessRunner.RunAsync(
            "node",
            ["mcp-client.mjs", server.BaseUrl.ToString(), Token, transport, "echo", """{"text":"hello from e2e"}"""],
            workspace.Root,
            timeout: TimeSpan.FromSeconds(60));

        call.EnsureSuccess();
        using var json = JsonDocument.Parse(call.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal($"{module}-mcp", json.RootElement.GetProperty("server").GetString());
        var tools = json.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("echo", tools);
        Assert.True(tools.Count >= 2, "the module ships more than one example tool");
        var result = json.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), call.StandardOutput);
        Assert.Contains("hello from e2e", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_open_and_mcp_without_the_token_is_401()
    {
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(workspace.ModuleFolder("billing"), Token, Http);

        using var health = await Http.GetAsync(new Uri(server.BaseUrl, "/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "/mcp"))
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var unauthorized = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("Bearer", unauthorized.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, server.Output, StringComparison.Ordinal);
    }
}
