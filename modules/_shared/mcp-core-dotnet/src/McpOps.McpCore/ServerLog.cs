using Microsoft.Extensions.Logging;

namespace McpOps.McpCore;

/// <summary>
/// The server's own log lines (source-generated: no parsing per request). The fields are structured data
/// written by <see cref="JsonLogLine"/>, not placeholders of the short message, hence SYSLIB1015.
/// </summary>
#pragma warning disable SYSLIB1015
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "request")]
    public static partial void Request(ILogger logger, string method, string path, string? rpcMethod, string? tool, int status, double durationMs, HttpRequestLog httpRequest, TraceLogFields trace);

    [LoggerMessage(Level = LogLevel.Debug, Message = "request")]
    public static partial void ProbeRequest(ILogger logger, string method, string path, int status, double durationMs, HttpRequestLog httpRequest);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server listening")]
    public static partial void Listening(ILogger logger, string url, string host, int port, string basePath, IEnumerable<string> tools);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP_AUTH_DISABLED=true: the MCP endpoints accept unauthenticated requests")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "shutting down")]
    public static partial void ShuttingDown(ILogger logger, int inFlight, int sseSessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "shutdown complete")]
    public static partial void ShutdownComplete(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "closing idle SSE session")]
    public static partial void SseIdle(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tool timed out")]
    public static partial void ToolTimedOut(ILogger logger, string tool, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "request handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string path);
}
#pragma warning restore SYSLIB1015
