using System.Net;
using System.Text;

namespace McpOps.McpCore.Tests;

/// <summary>
/// Bodies near a raised MCP_MAX_BODY_BYTES: the middleware looks at the whole body before the SDK reads it,
/// so Kestrel must be able to hold it unconsumed (beyond its 1 MB default request buffer).
/// </summary>
public sealed class LargeBodyTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_of_several_megabytes_under_the_cap_is_answered(bool chunked)
    {
        await using var server = await McpServerHost.StartAsync(
            new McpModule { Name = "core-test-mcp", Version = "1.0.0", ToolTypes = [typeof(PingTool)] },
            new Dictionary<string, string?> { ["PORT"] = "0", ["MCP_AUTH_DISABLED"] = "true", ["LOG_LEVEL"] = "silent", ["MCP_MAX_BODY_BYTES"] = "8388608" });
        var padding = new string('x', 3 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url + "/mcp"))
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ping\",\"arguments\":{},\"_pad\":\"" + padding + "\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("pong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
