using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpOps.McpCore.Tests;

[McpServerToolType]
public static class SlowTools
{
    [McpServerTool(Name = "stubborn"), Description("Ignores its cancellation token.")]
    public static async Task<string> Stubborn()
    {
        await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
        return "too late";
    }

    [McpServerTool(Name = "polite"), Description("Stops when its cancellation token fires.")]
    public static async Task<string> Polite(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return "too late";
    }

    [McpServerTool(Name = "slow-start"), Description("Works synchronously for most of the timeout, then finishes asynchronously past it.")]
    public static async Task<string> SlowStart()
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(250));
        await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        return "finished";
    }

    [McpServerTool(Name = "quick"), Description("Finishes asynchronously, well inside the timeout.")]
    public static async Task<string> Quick()
    {
        await Task.Yield();
        return "done";
    }
}

/// <summary>MCP_TOOL_TIMEOUT_MS: a tool that overruns gets an isError answer in time, whether or not it honours its token.</summary>
public sealed class ToolCallGuardTests : IAsyncLifetime
{
    private RunningMcpServer? _server;

    public async Task InitializeAsync() =>
        _server = await McpServerHost.StartAsync(
            new McpModule { Name = "core-test-mcp", Version = "1.0.0", ToolTypes = [typeof(SlowTools), typeof(PingTool)] },
            new Dictionary<string, string?> { ["PORT"] = "0", ["MCP_AUTH_DISABLED"] = "true", ["LOG_LEVEL"] = "silent", ["MCP_TOOL_TIMEOUT_MS"] = "300" });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("stubborn")]
    [InlineData("polite")]
    // 450 ms in all, 250 of them before its first await: the deadline counts from the start of the call,
    // not from the moment the guard learns the call is still running.
    [InlineData("slow-start")]
    public async Task An_overrunning_tool_answers_a_timeout_error(string tool)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var answer = await McpRpc.CallAsync(_server!, "tools/call", $$$"""{"name":"{{{tool}}}","arguments":{}}""");

        var result = answer.RootElement.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean(), result.ToString());
        Assert.Equal($"Tool \"{tool}\" timed out after 300 ms", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("quick", "done")]
    [InlineData("ping", "pong")]
    public async Task Tools_inside_the_timeout_answer_normally(string tool, string text)
    {
        using var answer = await McpRpc.CallAsync(_server!, "tools/call", $$$"""{"name":"{{{tool}}}","arguments":{}}""");

        var result = answer.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.ToString());
        Assert.Equal(text, result.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
