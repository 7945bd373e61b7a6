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

    // What every module must keep true, whatever tools it serves. Each tool's own behaviour has its own tests
    // below: adding a tool adds tests, it never edits these.
    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp, "/mcp")]
    [InlineData(HttpTransportMode.Sse, "/sse")]
    public async Task Lists_every_registered_tool_each_described_with_an_object_input_schema(HttpTransportMode mode, string path)
    {
        await using var client = await ConnectAsync(mode, path);

        Assert.Equal(ModuleServer.Definition.Name, client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        var registered = ModuleServer.Definition.ToolTypes
            .SelectMany(type => type.GetMethods())
            .Select(method => method.GetCustomAttributes(typeof(ModelContextProtocol.Server.McpServerToolAttribute), false).Cast<ModelContextProtocol.Server.McpServerToolAttribute>().SingleOrDefault())
            .Where(attribute => attribute is not null)
            .Select(attribute => attribute!.Name);
        Assert.Equal(registered.Order(StringComparer.Ordinal), tools.Select(tool => tool.Name).Order(StringComparer.Ordinal));
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrEmpty(tool.Description), $"{tool.Name} has a description");
            Assert.Equal("object", tool.JsonSchema.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Echo_returns_the_text()
    {
        await using var client = await ConnectAsync();

        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "hello" });

        Assert.NotEqual(true, echo.IsError);
        Assert.Equal("hello", Text(echo));
    }

    [Fact]
    public async Task Add_returns_the_sum_structured()
    {
        await using var client = await ConnectAsync();

        var sum = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3.5 });

        Assert.NotEqual(true, sum.IsError);
        Assert.Equal(5.5, sum.StructuredContent!.Value.GetProperty("sum").GetDouble());
    }

    [Theory]
    [InlineData("a", "two")]
    [InlineData("b", null)]
    public async Task Add_refuses_a_wrong_typed_or_missing_argument_naming_it(string field, string? value)
    {
        await using var client = await ConnectAsync();
        var arguments = new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 };
        if (value is null)
        {
            arguments.Remove(field);
        }
        else
        {
            arguments[field] = value;
        }

        var result = await client.CallToolAsync("add", arguments);

        Assert.True(result.IsError);
        Assert.Matches($"\\b{field}\\b", Text(result));
    }

    [Fact]
    public async Task Add_reports_a_sum_too_large_for_JSON_as_an_error_never_a_null_success()
    {
        await using var client = await ConnectAsync();

        var result = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 1e308, ["b"] = 1e308 });

        Assert.True(result.IsError);
        Assert.Contains("finite", Text(result), StringComparison.Ordinal);
        Assert.Null(result.StructuredContent);
    }

    private Task<McpClient> ConnectAsync(HttpTransportMode mode = HttpTransportMode.StreamableHttp, string path = "/mcp") =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Server.Url + path),
            TransportMode = mode,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token}" },
        }));

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));

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
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
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
