using System.Net;
using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>
/// Every protocol era a client may speak: 2026-07-28 (no handshake, `server/discover`) and the 2025 initialize
/// handshakes on /mcp; 2024-11-05 HTTP+SSE on /sse + /messages. `initialize` naming a revision that has no
/// handshake (2026-07-28) is answered with the newest handshake revision, 2025-11-25, by every runtime.
/// </summary>
public sealed class ProtocolEraTests
{
    public static TheoryData<string, string, string> InitializeAnswers
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var name in RuntimeCatalog.All)
            {
                data.Add(name, "2025-11-25", "2025-11-25");
                data.Add(name, "2025-06-18", "2025-06-18");
                data.Add(name, "2025-03-26", "2025-03-26");
                data.Add(name, "2026-07-28", "2025-11-25");
                data.Add(name, "1999-01-01", "2025-11-25");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InitializeAnswers))]
    public async Task Initialize_answers_the_same_revision_from_every_runtime(string runtime, string asked, string answered)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.RpcAsync(McpHttp.Initialize(asked));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        var result = answer.Rpc()["result"];
        Assert.True(result is not null, answer.ToString());
        Assert.Equal(answered, (string?)result["protocolVersion"]);
        Assert.Equal("contract-host", (string?)result["serverInfo"]!["name"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Revision_2026_07_28_discovers_and_calls_without_a_handshake(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var discover = await contract.Http.RpcAsync(McpHttp.Modern("server/discover"), headers: McpHttp.ModernHeaders("server/discover"));
        var list = await contract.Http.RpcAsync(McpHttp.Modern("tools/list"), headers: McpHttp.ModernHeaders("tools/list"));
        var call = await contract.Http.RpcAsync(
            McpHttp.Modern("tools/call", new JsonObject { ["name"] = "echo", ["arguments"] = new JsonObject { ["text"] = "hi" } }),
            headers: new Dictionary<string, string>(McpHttp.ModernHeaders("tools/call")) { ["Mcp-Name"] = "echo" });

        Assert.True(discover.Status == HttpStatusCode.OK, discover.ToString());
        Assert.Contains("2026-07-28", discover.Rpc()["result"]!["supportedVersions"]!.AsArray().Select(item => (string?)item));
        var tools = list.Rpc()["result"]!["tools"]!.AsArray().Select(tool => (string?)tool!["name"]).ToArray();
        Assert.Contains("echo", tools);
        Assert.Contains("add", tools);
        Assert.Equal("hi", (string?)call.Rpc()["result"]!["content"]![0]!["text"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Revision_2025_11_25_lists_and_calls_statelessly(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var list = await contract.Http.RpcAsync(McpHttp.Request("tools/list"), headers: McpHttp.Era2025Headers);
        var call = await contract.CallToolAsync("echo", new JsonObject { ["text"] = "hello" });

        Assert.Contains("echo", list.Rpc()["result"]!["tools"]!.AsArray().Select(tool => (string?)tool!["name"]));
        Assert.Equal("hello", (string?)call["result"]!["content"]![0]!["text"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Legacy_SSE_sends_the_endpoint_event_first_with_the_base_path_and_answers_on_the_stream(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_BASE_PATH"] = "/billing" });

        using var stream = await contract.Http.OpenSseAsync();
        var first = await stream.NextAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.StartsWith("text/event-stream", stream.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("no-cache", stream.Header("Cache-Control") ?? "", StringComparison.Ordinal);
        Assert.Equal("no", stream.Header("X-Accel-Buffering"));
        Assert.NotNull(first);
        Assert.Null(first.Comment);
        Assert.Equal("endpoint", first.Event);
        // The public path: behind Supabase's gateway it keeps /functions/v1/<function> in front of the base path.
        Assert.StartsWith(contract.Server.BaseUrl.AbsolutePath.TrimEnd('/') + "/messages?sessionId=", first.Data, StringComparison.Ordinal);

        var posted = await contract.Http.PostAsync(contract.Http.AtRoot(first.Data), McpHttp.Initialize("2024-11-05"));
        var reply = await stream.NextEventAsync("message", TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Accepted, posted.Status);
        Assert.NotNull(reply);
        Assert.Equal("2024-11-05", (string?)JsonNode.Parse(reply.Data)!["result"]!["protocolVersion"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_message_for_an_unknown_SSE_session_is_404(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.PostAsync(contract.Http.Under("/messages?sessionId=does-not-exist"), McpHttp.Initialize("2024-11-05"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }
}
