using System.Net;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>Body cap, media type and the cap on open SSE streams.</summary>
public sealed class LimitTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_body_over_MCP_MAX_BODY_BYTES_is_413_and_the_server_keeps_serving(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_MAX_BODY_BYTES"] = "2048" });
        var big = McpHttp.CallTool("echo", new() { ["text"] = new string('x', 4096) });

        var tooLarge = await contract.Http.RpcAsync(big);
        var next = await contract.Http.RpcAsync(McpHttp.Initialize("2025-11-25"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Contains("2048", (string?)tooLarge.Rpc()["error"]!["message"] ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_body_that_is_not_application_json_is_415(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var answer = await contract.Http.PostAsync(contract.Http.Mcp, McpHttp.Initialize("2025-11-25"), contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task SSE_streams_over_MCP_MAX_SSE_SESSIONS_are_refused_with_503(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_MAX_SSE_SESSIONS"] = "1" });

        using var first = await contract.Http.OpenSseAsync();
        Assert.NotNull(await first.NextEventAsync("endpoint", TimeSpan.FromSeconds(5)));
        using var second = await contract.Http.OpenSseAsync();

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
    }
}
