using System.Net;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>Host and Origin checks (DNS rebinding) and CORS for browser clients.</summary>
public sealed class GuardTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_foreign_Host_is_refused_with_403_on_mcp_but_probes_still_answer(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);
        var foreign = new Dictionary<string, string> { ["Host"] = "evil.example" };

        var mcp = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: foreign);
        var health = await contract.Http.GetAsync(contract.Http.AtRoot("/health"), token: null, headers: foreign);

        Assert.Equal(HttpStatusCode.Forbidden, mcp.Status);
        Assert.Equal("2.0", (string?)mcp.Rpc()["jsonrpc"]);
        Assert.Equal(HttpStatusCode.OK, health.Status);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_listed_Host_is_accepted(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_ALLOWED_HOSTS"] = "mcp.example.com" });

        var answer = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: new Dictionary<string, string> { ["Host"] = "mcp.example.com" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_foreign_Origin_is_refused_and_the_own_origin_is_accepted(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var foreign = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        var own = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: new Dictionary<string, string> { ["Origin"] = $"http://127.0.0.1:{contract.Server.Port}" });

        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task CORS_preflight_from_an_allowed_origin_echoes_it_without_a_token(string runtime)
    {
        const string App = "https://app.example.com";
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_ALLOWED_ORIGINS"] = App });
        var headers = new Dictionary<string, string>
        {
            ["Origin"] = App,
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "authorization, content-type",
        };

        var preflight = await contract.Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, contract.Http.Mcp), token: null, headers);
        var call = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"), headers: new Dictionary<string, string> { ["Origin"] = App });

        Assert.Equal(HttpStatusCode.NoContent, preflight.Status);
        Assert.Equal(App, preflight.Header("Access-Control-Allow-Origin"));
        Assert.Contains("Authorization", preflight.Header("Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST", preflight.Header("Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(App, call.Header("Access-Control-Allow-Origin"));
        Assert.Contains("WWW-Authenticate", call.Header("Access-Control-Expose-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
