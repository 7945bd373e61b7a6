using System.Net;
using System.Text.Json;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.CSharp;

/// <summary>
/// A workspace with a TypeScript and a C# module: the C# module builds, its own tests and mcp-core-dotnet's
/// pass, its server starts as the image starts it, and the official TypeScript SDK client (the same
/// script as for the TypeScript modules) calls it over /mcp and /sse. Needs the NuGet and npm registries.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class CSharpEndToEndTests(TemplatePack pack)
{
    private const string Token = "csharp-e2e-token-not-a-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly Dictionary<string, string> ServerEnvironment = new() { ["MCP_AUTH_TOKEN"] = Token };

    [Fact]
    public async Task The_module_tests_and_the_workspace_solution_tests_pass()
    {
        var workspace = await MixedWorkspace.GetAsync(pack);

        var module = (await workspace.DotnetAsync("test", workspace.TestProject, "-c", "Release", "--no-build", "--nologo")).EnsureSuccess();
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", module.StandardOutput);

        // The solution at the root (mcp-core-dotnet and its tests until `mcpops sync` adds modules) builds and passes.
        var solution = (await workspace.DotnetAsync("test", "acme.slnx", "-c", "Release", "--nologo")).EnsureSuccess();
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]\d*, .*McpOps\.McpCore\.Tests\.dll", solution.StandardOutput);
    }

    [Fact]
    public async Task Npm_workspaces_see_the_TypeScript_packages_and_ignore_the_CSharp_module()
    {
        var workspace = await MixedWorkspace.GetAsync(pack);

        var names = (await ProcessRunner.RunAsync("npm", ["pkg", "get", "name", "--workspaces"], workspace.Root)).EnsureSuccess();
        using var json = JsonDocument.Parse(names.StandardOutput);
        var packages = json.RootElement.EnumerateObject().Select(p => p.Value.GetString() ?? "").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["@acme/billing-mcp", "@acme/mcp-core"], packages);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("sse")]
    public async Task Official_TypeScript_SDK_client_initializes_lists_and_calls_a_tool(string transport)
    {
        var workspace = await MixedWorkspace.GetAsync(pack);
        var clientWorkspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartDotnetAsync(workspace.ServerDll, ServerEnvironment, Http);

        var call = await ProcessRunner.RunAsync(
            "node",
            ["mcp-client.mjs", server.BaseUrl.ToString(), Token, transport, "echo", """{"text":"hello from C#"}"""],
            clientWorkspace.Root,
            timeout: TimeSpan.FromSeconds(60));

        call.EnsureSuccess();
        using var json = JsonDocument.Parse(call.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal("inventory-mcp", json.RootElement.GetProperty("server").GetString());
        var tools = json.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetString() ?? "").Order(StringComparer.Ordinal);
        Assert.Equal(["add", "echo"], tools);
        var result = json.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), call.StandardOutput);
        Assert.Equal("hello from C#", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(await server.WaitForOutputAsync("\"rpcMethod\":\"tools/call\"", TimeSpan.FromSeconds(5)), server.Output);
    }

    [Fact]
    public async Task Unauthenticated_calls_get_401_logs_are_JSON_and_SIGTERM_drains_and_exits_0()
    {
        var workspace = await MixedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartDotnetAsync(workspace.ServerDll, ServerEnvironment, Http);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "/mcp"))
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var unauthorized = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.StartsWith("Bearer", unauthorized.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var health = await Http.GetAsync(new Uri(server.BaseUrl, "/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        Assert.Equal(0, await server.TerminateAsync(within: TimeSpan.FromSeconds(10)));
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("severity", out _), line);
            Assert.Equal("inventory-mcp", entry.RootElement.GetProperty("service").GetString());
        }

        Assert.Contains(lines, line => line.Contains("\"status\":401", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"message\":\"shutdown complete\"", StringComparison.Ordinal));
        Assert.DoesNotContain(Token, server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_refuses_to_start_without_a_token()
    {
        var workspace = await MixedWorkspace.GetAsync(pack);

        var run = await ProcessRunner.RunAsync("dotnet", [workspace.ServerDll], workspace.Root, new Dictionary<string, string> { ["PORT"] = "0" }, TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("inventory-mcp: refusing to start", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("MCP_AUTH_TOKEN is not set", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_argument_probes_the_running_server()
    {
        var workspace = await MixedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartDotnetAsync(workspace.ServerDll, ServerEnvironment, Http);
        var port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var healthy = await ProcessRunner.RunAsync("dotnet", [workspace.ServerDll, "--healthcheck"], workspace.Root, new Dictionary<string, string> { ["PORT"] = port });
        Assert.Equal(0, healthy.ExitCode);

        await server.TerminateAsync(within: TimeSpan.FromSeconds(10));
        var down = await ProcessRunner.RunAsync("dotnet", [workspace.ServerDll, "--healthcheck"], workspace.Root, new Dictionary<string, string> { ["PORT"] = port });
        Assert.Equal(1, down.ExitCode);
    }
}
