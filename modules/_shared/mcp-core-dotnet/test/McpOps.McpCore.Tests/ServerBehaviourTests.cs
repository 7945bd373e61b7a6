using System.ComponentModel;
using System.Net;
using System.Text;
using ModelContextProtocol.Server;

namespace McpOps.McpCore.Tests;

[McpServerToolType]
public static class PingTool
{
    [McpServerTool(Name = "ping"), Description("Answers pong.")]
    public static string Ping() => "pong";
}

/// <summary>The HTTP contract of mcp-core, checked on a real Kestrel listener with MCP_BASE_PATH set.</summary>
public sealed class ServerBehaviourTests : IAsyncLifetime
{
    private const string Token = "core-test-token";
    private static readonly McpModule Module = new() { Name = "core-test-mcp", Version = "1.2.3", ToolTypes = [typeof(PingTool)] };
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private RunningMcpServer? _server;

    private string Url => _server!.Url;

    public async Task InitializeAsync() =>
        _server = await McpServerHost.StartAsync(Module, new Dictionary<string, string?>
        {
            ["PORT"] = "0",
            ["MCP_AUTH_TOKEN"] = Token,
            ["MCP_BASE_PATH"] = "/core",
            ["MCP_MAX_BODY_BYTES"] = "2048",
            ["MCP_ALLOWED_ORIGINS"] = "https://app.example.com",
            ["LOG_LEVEL"] = "silent",
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private HttpRequestMessage Post(string path, string body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url + path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Authorization = new("Bearer", Token);
        configure?.Invoke(request);
        return request;
    }

    private const string ToolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

    [Fact]
    public async Task Authorized_streamable_post_is_answered_under_the_base_path()
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ping\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic Y29yZS10ZXN0LXRva2Vu")]
    public async Task Missing_or_wrong_credentials_get_401_with_a_bearer_challenge(string? authorization)
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList, request =>
            request.Headers.Authorization = authorization is null ? null : System.Net.Http.Headers.AuthenticationHeaderValue.Parse(authorization)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // RFC 6750: no credentials, a bare challenge; wrong ones, error="invalid_token". Both point at the metadata.
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Matches(authorization is null ? "^Bearer resource_metadata=\"" : "^Bearer error=\"invalid_token\", ", challenge);
        Assert.Contains("/.well-known/oauth-protected-resource/core/mcp\"", challenge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer core-test-token", HttpStatusCode.OK)]
    [InlineData("bearer \tcore-test-token ", HttpStatusCode.OK)]
    [InlineData("Bearer core-test-token-and-more", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer core-test", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer core-test token", HttpStatusCode.Unauthorized)]
    [InlineData("Bearercore-test-token", HttpStatusCode.Unauthorized)]
    public async Task Bearer_header_variants(string authorization, HttpStatusCode expected)
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList, request =>
        {
            request.Headers.Authorization = null;
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_long_wrong_token_gets_401()
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList, request => request.Headers.Authorization = new("Bearer", new string('t', 5000))));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1:1234")]
    [InlineData("[::1]:8080")]
    public async Task Loopback_hosts_in_any_case_and_with_a_port_pass(string host)
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList, request => request.Headers.Host = host));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("https://app.example.com", HttpStatusCode.OK)]
    public async Task Foreign_origins_are_refused(string origin, HttpStatusCode expected)
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList, request => request.Headers.Add("Origin", origin)));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Foreign_host_is_refused_on_a_loopback_bind()
    {
        using var response = await Http.SendAsync(Post("/mcp", ToolsList, request => request.Headers.Host = "rebind.attacker.example"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Oversized_bodies_get_413(bool chunked)
    {
        // Chunked: no Content-Length to refuse up front; Kestrel's MaxRequestBodySize stops the body while it is read.
        var padding = new string('x', 4096);
        using var request = Post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\"" + padding + "\"}}");
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_on_the_stateless_endpoint_is_405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url + "/mcp"));
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Sse_stream_starts_with_the_endpoint_event_including_the_base_path()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url + "/sse"));
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-transform", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: endpoint", await reader.ReadLineAsync());
        Assert.Matches("^data: /core/messages\\?sessionId=[0-9a-f]{32}$", await reader.ReadLineAsync());
    }

    [Theory]
    [InlineData("POST", "/MCP")]
    [InlineData("POST", "/mcp/")]
    [InlineData("POST", "/Mcp/")]
    [InlineData("GET", "/SSE")]
    [InlineData("POST", "/MESSAGES?sessionId=nope")]
    public async Task Other_spellings_routing_accepts_still_need_the_token(string method, string path)
    {
        // Routing matches paths case-insensitively and ignores a trailing slash; the checks must follow it.
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Url + path));
        if (method == "POST")
        {
            request.Content = new StringContent(ToolsList, Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/mcp/more")]
    [InlineData("/../mcp")]
    public async Task Unknown_paths_get_a_json_404(string path)
    {
        using var response = await Http.SendAsync(Post(path, ToolsList));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_to_a_probe_is_405_not_404()
    {
        using var response = await Http.SendAsync(Post("/health", "{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Messages_for_an_unknown_session_get_404()
    {
        using var response = await Http.SendAsync(Post("/messages?sessionId=nope", ToolsList));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/core/health")]
    [InlineData("/core/ready")]
    public async Task Probes_are_open(string path)
    {
        using var response = await Http.GetAsync(new Uri(Url.Replace("/core", "", StringComparison.Ordinal) + path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok","name":"core-test-mcp","version":"1.2.3"}""", await response.Content.ReadAsStringAsync());
    }
}
