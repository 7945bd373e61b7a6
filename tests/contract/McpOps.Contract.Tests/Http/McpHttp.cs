using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Http;

/// <summary>Raw HTTP against a runtime: the contract speaks bytes on the wire, not through an SDK client.</summary>
public sealed class McpHttp : IDisposable
{
    public const string Accept = "application/json, text/event-stream";

    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public McpHttp(RuntimeProcess server) => Server = server;

    public RuntimeProcess Server { get; }

    public Uri Mcp => Under("/mcp");

    public Uri Under(string path) => new(Server.BaseUrl.ToString().TrimEnd('/') + path);

    public Uri AtRoot(string path) => new(Server.Root, path);

    public Task<HttpAnswer> GetAsync(Uri url, string? token = RuntimeProcess.Token, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, url), token, headers);

    public Task<HttpAnswer> PostAsync(Uri url, string body, string? token = RuntimeProcess.Token, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request, token, headers);
    }

    /// <summary>POST a JSON-RPC message to /mcp the way a Streamable HTTP client does.</summary>
    public Task<HttpAnswer> RpcAsync(string body, string? token = RuntimeProcess.Token, IReadOnlyDictionary<string, string>? headers = null) =>
        PostAsync(Mcp, body, token, headers);

    public async Task<HttpAnswer> SendAsync(HttpRequestMessage request, string? token = RuntimeProcess.Token, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            request.Headers.TryAddWithoutValidation("Accept", Accept);
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.Host = value;
                }
                else if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                all[name] = string.Join(", ", values);
            }

            return new HttpAnswer(response.StatusCode, all, body);
        }
    }

    /// <summary>Opens GET /sse (legacy HTTP+SSE) and returns the event reader.</summary>
    public async Task<SseReader> OpenSseAsync(string? token = RuntimeProcess.Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Under("/sse"));
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(request, response, await response.Content.ReadAsStreamAsync());
    }

    public void Dispose() => _client.Dispose();

    public static string Request(string method, JsonObject? parameters = null, int id = 1) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() }.ToJsonString();

    /// <summary>The 2025-era handshake request.</summary>
    public static string Initialize(string protocolVersion) => Request("initialize", new JsonObject
    {
        ["protocolVersion"] = protocolVersion,
        ["capabilities"] = new JsonObject(),
        ["clientInfo"] = new JsonObject { ["name"] = "contract", ["version"] = "1.0.0" },
    });

    /// <summary>A 2026-07-28 request: no handshake, the envelope travels in each request's _meta.</summary>
    public static string Modern(string method, JsonObject? parameters = null, int id = 1)
    {
        parameters ??= new JsonObject();
        parameters["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
            ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "contract", ["version"] = "1.0.0" },
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        return Request(method, parameters, id);
    }

    public static IReadOnlyDictionary<string, string> ModernHeaders(string method) =>
        new Dictionary<string, string> { ["MCP-Protocol-Version"] = "2026-07-28", ["Mcp-Method"] = method };

    /// <summary>tools/call in the 2025-11-25 era (stateless: no session header needed).</summary>
    public static string CallTool(string name, JsonObject arguments, int id = 1) =>
        Request("tools/call", new JsonObject { ["name"] = name, ["arguments"] = arguments }, id);

    public static IReadOnlyDictionary<string, string> Era2025Headers { get; } =
        new Dictionary<string, string> { ["MCP-Protocol-Version"] = "2025-11-25" };
}
