using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpOps.McpCore;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpModuleName.Mcp.Tests;

/// <summary>Starts the real server in-process on a free port and talks to it as an MCP client.</summary>
public sealed class ServerTests : IAsyncLifetime
{
    private const string Token = "test-token-not-a-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private RunningMcpServer? _server;

    private RunningMcpServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _server = await McpServerHost.StartAsync(ModuleServer.Definition, new Dictionary<string, string?>
        {
            ["PORT"] = "0",
            ["HOST"] = "127.0.0.1",
            ["MCP_AUTH_TOKEN"] = Token,
            ["LOG_LEVEL"] = "silent",
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp, "/mcp")]
    [InlineData(HttpTransportMode.Sse, "/sse")]
    public async Task Initialize_list_and_call_tools(HttpTransportMode mode, string path)
    {
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Server.Url + path),
            TransportMode = mode,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token}" },
        }));

        Assert.Equal(ModuleServer.Definition.Name, client.ServerInfo?.Name);

        var tools = await client.ListToolsAsync();
        Assert.Equal(["add", "echo"], tools.Select(tool => tool.Name).Order(StringComparer.Ordinal));

        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "hello" });
        Assert.NotEqual(true, echo.IsError);
        Assert.Equal("hello", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);

        var sum = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3.5 });
        Assert.NotEqual(true, sum.IsError);
        Assert.Equal(5.5, sum.StructuredContent!.Value.GetProperty("sum").GetDouble());

        var invalid = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = "two", ["b"] = 3 });
        Assert.True(invalid.IsError);
    }

    [Fact]
    public async Task Rejects_mcp_requests_without_the_bearer_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Url + "/mcp"))
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" }),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        using var response = await Http.GetAsync(new Uri(Server.Url + "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(ModuleServer.Definition.Name, body.RootElement.GetProperty("name").GetString());
        Assert.Equal(ModuleServer.Definition.Version, body.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Server_version_is_the_project_version() =>
        Assert.Matches(@"^\d+\.\d+\.\d+", ModuleServer.Definition.Version);
}
