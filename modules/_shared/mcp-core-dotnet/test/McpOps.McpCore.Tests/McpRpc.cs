using System.Net;
using System.Text;
using System.Text.Json;

namespace McpOps.McpCore.Tests;

/// <summary>One JSON-RPC request to a test server's /mcp (auth disabled), its result parsed from JSON or SSE.</summary>
internal static class McpRpc
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<JsonDocument> CallAsync(RunningMcpServer server, string method, string parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url + "/mcp"))
        {
            Content = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method}: {(int)response.StatusCode} {body}");
        var json = body.TrimStart().StartsWith('{')
            ? body
            : string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim()));
        return JsonDocument.Parse(json);
    }
}
