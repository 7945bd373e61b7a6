using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Http;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Cases;

/// <summary>
/// SIGTERM: stop accepting, finish calls in flight, exit 0 before MCP_SHUTDOWN_TIMEOUT_MS (3 s here) plus a
/// margin, even when stdout's reader is gone or stuck (a platform would SIGKILL and lose the drain).
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(6);

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task SIGTERM_with_a_call_in_flight_finishes_the_call_then_exits_0(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime);

        var call = contract.CallToolAsync("slow", new JsonObject { ["ms"] = 1500 });
        await Task.Delay(400);
        var clock = Stopwatch.StartNew();
        await contract.Server.TerminateAsync();
        var answer = await call;
        var exit = await contract.Server.WaitForExitAsync(Grace);

        Assert.Equal("done after 1500 ms", (string?)answer["result"]!["content"]![0]!["text"]);
        Assert.Equal(0, exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"drained in {clock.Elapsed}");
        Assert.True(contract.Server.Stdout.Contains("\"message\":\"shutdown complete\"", StringComparison.Ordinal), contract.Server.Stdout);
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task Readiness_fails_while_draining(string runtime)
    {
        await using var contract = await Contract.StartAsync(runtime, new Dictionary<string, string?> { ["MCP_SHUTDOWN_TIMEOUT_MS"] = "3000" });
        using var keepAlive = new HttpClient();

        var call = contract.CallToolAsync("slow", new JsonObject { ["ms"] = 1500 });
        await Task.Delay(300);
        await contract.Server.TerminateAsync();
        await Task.Delay(200);
        HttpStatusCode? ready = null;
        try
        {
            using var response = await keepAlive.GetAsync(new Uri(contract.Server.Root, "/ready"));
            ready = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The listener is already closed: equally "not ready" for a load balancer.
        }

        await call;
        Assert.NotEqual(HttpStatusCode.OK, ready);
        Assert.Equal(0, await contract.Server.WaitForExitAsync(Grace));
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task SIGTERM_exits_promptly_when_stdout_has_no_reader(string runtime)
    {
        await using var server = await RuntimeProcess.StartAsync(RuntimeCatalog.Get(runtime), stdout: StdoutMode.Closed);
        using var http = new McpHttp(server);
        await http.RpcAsync(McpHttp.Initialize("2025-11-25"));

        await server.TerminateAsync();

        Assert.NotNull(await server.WaitForExitAsync(Grace));
    }

    [Theory]
    [MemberData(nameof(RuntimeCatalog.Names), MemberType = typeof(RuntimeCatalog))]
    public async Task SIGTERM_exits_promptly_when_stdout_is_blocked(string runtime)
    {
        await using var server = await RuntimeProcess.StartAsync(RuntimeCatalog.Get(runtime), new Dictionary<string, string?> { ["LOG_LEVEL"] = "debug" }, StdoutMode.Blocked);
        using var http = new McpHttp(server);
        // About 400 bytes a line: enough lines to fill a 64 KiB pipe several times over.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var requests = Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 100 && !cts.IsCancellationRequested; i++)
            {
                try
                {
                    await http.RpcAsync(McpHttp.Request("tools/list"), headers: McpHttp.Era2025Headers).WaitAsync(TimeSpan.FromSeconds(2));
                }
                catch (TimeoutException)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(requests);

        await server.TerminateAsync();

        Assert.NotNull(await server.WaitForExitAsync(Grace));
    }
}
