using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContractCase = McpOps.Contract.Tests.Cases.Contract;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpOps.Contract.Tests.Edge;

/// <summary>
/// What the Supabase Edge entry adds to the contract: the keys the hosted runtime injects are the bearer
/// tokens, official SDK clients work over /sse (with `event: open` after `endpoint`) and /mcp, and behind
/// several instances legacy SSE fails with an error that names /mcp while /mcp keeps working.
/// </summary>
public sealed class EdgeTests
{
    private const string AnonKey = "eyJhbGciOiJIUzI1NiJ9.anon-key-for-tests.not-a-secret";
    private const string PublishableKey = "sb_publishable_tests_not_a_secret";

    private static Dictionary<string, string?> SupabaseKeys() => new()
    {
        ["MCP_AUTH_TOKEN"] = null,
        ["SUPABASE_ANON_KEY"] = AnonKey,
        ["SUPABASE_PUBLISHABLE_KEYS"] = $"{{\"default\":\"{PublishableKey}\"}}",
    };

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task The_anon_key_every_publishable_key_and_MCP_AUTH_TOKEN_are_accepted_and_nothing_else(string runtime)
    {
        var environment = SupabaseKeys();
        environment["MCP_AUTH_TOKEN"] = RuntimeProcess.Token;
        await using var contract = await ContractCase.StartAsync(runtime, environment);

        foreach (var token in new[] { AnonKey, PublishableKey, RuntimeProcess.Token })
        {
            var answer = await contract.Http.RpcAsync(McpHttp.Request("tools/list"), token: token, headers: McpHttp.Era2025Headers);
            Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        }

        foreach (var token in new[] { null, "sb_publishable_other", AnonKey + "x" })
        {
            var answer = await contract.Http.RpcAsync(McpHttp.Request("tools/list"), token: token, headers: McpHttp.Era2025Headers);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        }

        Assert.DoesNotContain(AnonKey, contract.Server.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(PublishableKey, contract.Server.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task Without_any_key_the_function_refuses_to_start_and_names_the_variables(string runtime)
    {
        await using var server = await RuntimeProcess.LaunchAsync(RuntimeCatalog.Get(runtime), new Dictionary<string, string?> { ["MCP_AUTH_TOKEN"] = null });

        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("SUPABASE_ANON_KEY", server.Stderr, StringComparison.Ordinal);
        Assert.Contains("MCP_AUTH_TOKEN", server.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task Sse_announces_the_public_functions_v1_path_then_event_open(string runtime)
    {
        await using var contract = await ContractCase.StartAsync(runtime, SupabaseKeys());

        using var stream = await contract.Http.OpenSseAsync(token: AnonKey);
        var endpoint = await stream.NextAsync(TimeSpan.FromSeconds(5));
        var open = await stream.NextAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("endpoint", endpoint?.Event);
        Assert.Matches("^/functions/v1/contract-host/messages\\?sessionId=[0-9a-f-]{36}$", endpoint!.Data);
        Assert.Equal("open", open?.Event);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task Official_TypeScript_clients_work_over_sse_and_mcp_with_the_anon_key_and_get_401_without(string runtime)
    {
        await using var contract = await ContractCase.StartAsync(runtime, SupabaseKeys());
        var url = contract.Server.BaseUrl.ToString().TrimEnd('/');

        var withKey = await RunClientsAsync(url, AnonKey);
        var withoutKey = await RunClientsAsync(url, "");

        Assert.Equal(["sdk-1.x sse", "sdk-1.x streamable-http", "sdk-2.x streamable-http", "sdk-2.x sse"], withKey.Select(line => (string?)line["client"]));
        foreach (var line in withKey)
        {
            Assert.True((bool?)line["ok"] == true, line.ToJsonString());
            Assert.Equal(["add", "echo", "fail", "slow"], line["tools"]!.AsArray().Select(tool => (string?)tool));
            Assert.Equal($"hello from {line["client"]}", (string?)line["echo"]);
        }

        foreach (var line in withoutKey)
        {
            Assert.True((bool?)line["ok"] == false, line.ToJsonString());
            // The SSE clients report the status (401), the Streamable HTTP ones the body ("Unauthorized: ...").
            Assert.Matches("401|Unauthorized", (string?)line["error"] ?? "");
        }
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task The_official_CSharp_client_works_over_sse_and_mcp_with_the_anon_key_and_gets_401_without(string runtime)
    {
        await using var contract = await ContractCase.StartAsync(runtime, SupabaseKeys());

        foreach (var (mode, path) in new[] { (HttpTransportMode.Sse, "/sse"), (HttpTransportMode.StreamableHttp, "/mcp") })
        {
            await using var client = await McpClient.CreateAsync(Transport(contract.Http.Under(path), mode, AnonKey));
            var tools = await client.ListToolsAsync();
            var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = $"hello over {path}" });

            Assert.Equal(["add", "echo", "fail", "slow"], tools.Select(tool => tool.Name).Order(StringComparer.Ordinal));
            Assert.Equal($"hello over {path}", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);

            var refused = await Record.ExceptionAsync(async () => await (await McpClient.CreateAsync(Transport(contract.Http.Under(path), mode, token: null))).DisposeAsync());
            Assert.NotNull(refused);
            Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task Mcp_remote_works_over_sse_and_mcp_with_the_anon_key(string runtime)
    {
        await using var contract = await ContractCase.StartAsync(runtime, SupabaseKeys());
        var script = Path.Combine(RepositoryLayout.Root, "tests", "contract", "clients", "mcp-remote.mjs");
        if (!File.Exists(Path.Combine(RepositoryLayout.Root, "tests", "validators", "mcp-remote", "node_modules", "mcp-remote", "package.json")))
        {
            throw new InvalidOperationException("mcp-remote is not installed: run `npm ci --prefix tests/validators/mcp-remote` (bash tests/run does).");
        }

        foreach (var path in new[] { "/sse", "/mcp" })
        {
            var line = Assert.Single(await RunNodeAsync(script, contract.Http.Under(path).ToString(), AnonKey));
            Assert.True((bool?)line["ok"] == true, line.ToJsonString());
            Assert.Equal(["add", "echo", "fail", "slow"], line["tools"]!.AsArray().Select(tool => (string?)tool));
            Assert.Equal("hello from mcp-remote", (string?)line["echo"]);
        }
    }

    private static HttpClientTransport Transport(Uri endpoint, HttpTransportMode mode, string? token) =>
        new(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = mode,
            AdditionalHeaders = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });

    [Theory]
    [MemberData(nameof(RuntimeCatalog.EdgeNames), MemberType = typeof(RuntimeCatalog))]
    public async Task Behind_round_robin_instances_sse_fails_with_an_error_naming_mcp_and_mcp_works(string runtime)
    {
        await using var first = await RuntimeProcess.StartAsync(RuntimeCatalog.Get(runtime), SupabaseKeys());
        await using var second = await RuntimeProcess.StartAsync(RuntimeCatalog.Get(runtime), SupabaseKeys());
        await using var proxy = new RoundRobinProxy([first.Port, second.Port]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxy.Port}"), Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AnonKey);

        // The stream holds its connection (instance A); the POST opens the next one (instance B).
        using var sse = await http.GetAsync("/functions/v1/contract-host/sse", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await sse.Content.ReadAsStreamAsync());
        var endpoint = "";
        while (endpoint.Length == 0 && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: /", StringComparison.Ordinal))
            {
                endpoint = line["data: ".Length..];
            }
        }

        using var post = await http.PostAsync(endpoint, new StringContent(McpHttp.Initialize("2024-11-05"), Encoding.UTF8, "application/json"));
        var body = await post.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("/mcp", (string?)JsonNode.Parse(body)!["error"]!["message"], StringComparison.Ordinal);

        for (var call = 0; call < 4; call++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/functions/v1/contract-host/mcp")
            {
                Content = new StringContent(McpHttp.CallTool("echo", new JsonObject { ["text"] = $"call {call}" }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Accept", McpHttp.Accept);
            foreach (var (name, value) in McpHttp.Era2025Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            request.Headers.ConnectionClose = true;
            using var answer = await http.SendAsync(request);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }
    }

    private static Task<IReadOnlyList<JsonObject>> RunClientsAsync(string url, string token) =>
        RunNodeAsync(Path.Combine(RepositoryLayout.Root, "tests", "contract", "clients", "edge-clients.mjs"), url, token);

    /// <summary>Runs a client script under the contract's Node.js; each stdout line is one JSON result.</summary>
    private static async Task<IReadOnlyList<JsonObject>> RunNodeAsync(string script, string url, string token)
    {
        using var node = Process.Start(new ProcessStartInfo(TypeScriptRuntime.Node, [script, url, token])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryLayout.Root,
        })!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(node.ExitCode == 0, await stderr);
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToArray();
    }
}
