using System.Net;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>Endpoints and probes: /health (liveness), /ready (readiness), /mcp, /sse, /messages, base path.</summary>
public sealed class EndpointTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Health_and_ready_answer_200_with_name_and_version_and_need_no_token(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        foreach (var path in new[] { "/health", "/ready" })
        {
            var answer = await contract.Http.GetAsync(contract.Http.AtRoot(path), token: null);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.StartsWith("application/json", answer.Header("Content-Type"), StringComparison.Ordinal);
            var body = System.Text.Json.Nodes.JsonNode.Parse(answer.Body)!;
            Assert.Equal("ok", (string?)body["status"]);
            Assert.Equal("contract-host", (string?)body["name"]);
            Assert.Equal("0.0.1", (string?)body["version"]);
        }
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Probes_answer_HEAD_and_refuse_POST_with_405_and_Allow(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var head = await contract.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, contract.Http.AtRoot("/health")), token: null);
        var post = await contract.Http.PostAsync(contract.Http.AtRoot("/health"), "{}", token: null);

        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.Status);
        Assert.Contains("GET", post.Header("Allow") ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Unknown_path_is_404_even_with_a_token(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.GetAsync(contract.Http.AtRoot("/nope"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Base_path_prefixes_the_MCP_endpoints_and_the_probes_answer_at_both(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_BASE_PATH"] = "/billing/" });

        var prefixed = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"));
        var bare = await contract.Http.PostAsync(contract.Http.AtRoot("/mcp"), McpHttp.Initialize("2025-11-25"));
        var health = await contract.Http.GetAsync(contract.Http.AtRoot("/health"), token: null);
        var prefixedHealth = await contract.Http.GetAsync(contract.Http.Under("/health"), token: null);

        Assert.Equal("http://127.0.0.1:" + contract.Server.Port + RuntimeCatalog.Get(runtime).PublicPathPrefix + "/billing", contract.Server.BaseUrl.ToString().TrimEnd('/'));
        Assert.Equal(HttpStatusCode.OK, prefixed.Status);
        Assert.Equal("2025-11-25", (string?)prefixed.Rpc()["result"]!["protocolVersion"]);
        Assert.Equal(HttpStatusCode.NotFound, bare.Status);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal(HttpStatusCode.OK, prefixedHealth.Status);
    }
}
