using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace McpOps.McpCore;

/// <summary>A started server: its base URL and a graceful stop.</summary>
public sealed class RunningMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningMcpServer(WebApplication app, McpServerSettings settings, string url, int port)
    {
        _app = app;
        Settings = settings;
        Url = url;
        Port = port;
    }

    /// <summary>
    /// Base URL including the port and MCP_BASE_PATH, without a trailing slash (a string, because
    /// <see cref="Uri"/> would add one): endpoints are <c>Url + "/mcp"</c> and <c>Url + "/sse"</c>.
    /// </summary>
    public string Url { get; }

    public int Port { get; }

    public McpServerSettings Settings { get; }

    /// <summary>Resolves when the host has stopped (SIGTERM, SIGINT or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Graceful stop: readiness turns 503, SSE streams end, in-flight requests finish up to MCP_SHUTDOWN_TIMEOUT_MS.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
