using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>Keepalive comments on quiet streams (proxies and platforms cut silent ones) and the SSE idle timeout.</summary>
public sealed class StreamTests
{
    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task A_quiet_SSE_stream_gets_keepalive_comments_after_the_endpoint_event(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_SSE_KEEPALIVE_MS"] = "200" });

        using var stream = await contract.Http.OpenSseAsync();
        var first = await stream.NextAsync(TimeSpan.FromSeconds(5));
        var second = await stream.NextAsync(TimeSpan.FromSeconds(3));
        if (second?.Event == "open")
        {
            // The Edge entry sends `event: open` right after `endpoint` (Agent Builder requires it).
            second = await stream.NextAsync(TimeSpan.FromSeconds(3));
        }

        Assert.Equal("endpoint", first?.Event);
        Assert.Equal("keepalive", second?.Comment);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task An_SSE_session_without_messages_is_closed_at_the_first_keepalive_tick_after_MCP_SSE_IDLE_TIMEOUT_MS(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_SSE_IDLE_TIMEOUT_MS"] = "500", ["MCP_SSE_KEEPALIVE_MS"] = "200" });

        using var stream = await contract.Http.OpenSseAsync();
        Assert.NotNull(await stream.NextEventAsync("endpoint", TimeSpan.FromSeconds(5)));

        Assert.True(await stream.EndsWithinAsync(TimeSpan.FromSeconds(5)), "the idle stream was not closed");
    }
}
