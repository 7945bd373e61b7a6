using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpOps.McpCore;

/// <summary>
/// Legacy HTTP+SSE transport (protocol 2024-11-05) on <c>{base}/sse</c> + <c>{base}/messages</c>, for
/// clients that only speak SSE. The SDK's own EnableLegacySse is obsolete and refuses stateless mode, so
/// this bridges it with the SDK's public <see cref="SseResponseStreamTransport"/>. The first bytes of the
/// stream are the <c>endpoint</c> event (Go SDK clients reject anything before it). Sessions live in this
/// process's memory: behind several replicas, route a session's POSTs to the replica holding its stream.
/// </summary>
internal sealed class LegacySseSessions(
    McpServerSettings settings,
    IOptions<McpServerOptions> serverOptions,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public async Task HandleStreamAsync(HttpContext context)
    {
        if (_sessions.Count >= settings.MaxSseSessions)
        {
            context.Response.Headers.RetryAfter = "5";
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Too many open SSE sessions, retry later.");
            return;
        }

        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        response.Headers.ContentEncoding = "identity";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Ends with the client, and at once when shutdown begins (not at the end of the drain deadline).
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = cancellation.Token;
        await using var stream = new SseEventStream(response.Body);
        await using var transport = new SseResponseStreamTransport(stream, $"{settings.BasePath}/messages?sessionId={sessionId}", sessionId);
        var session = new Session(transport);
        _sessions[sessionId] = session;

        var transportTask = transport.RunAsync(cancellationToken);
        var keepAliveTask = KeepAliveAsync(stream, session, sessionId, cancellation);
        try
        {
            await using var server = McpServer.Create(transport, serverOptions.Value, loggerFactory, context.RequestServices);
            await server.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // How SSE streams normally end: the client went away, the session idled out, or shutdown.
        }
        finally
        {
            _sessions.TryRemove(sessionId, out _);
            await cancellation.CancelAsync();
            await transport.DisposeAsync();
            await Quietly(transportTask);
            await Quietly(keepAliveTask);
        }
    }

    public async Task HandleMessageAsync(HttpContext context)
    {
        var sessionId = context.Request.Query["sessionId"].ToString();
        if (sessionId.Length == 0 || !_sessions.TryGetValue(sessionId, out var session))
        {
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Unknown or expired SSE session; reconnect to /sse.");
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = (JsonRpcMessage?)await JsonSerializer.DeserializeAsync(
                context.Request.Body, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)), context.RequestAborted);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "Parse error: the body is not a JSON-RPC message.", -32700);
            return;
        }

        session.LastActivity = TimeProvider.System.GetTimestamp();
        await session.Transport.OnMessageReceivedAsync(message, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted", context.RequestAborted);
    }

    /// <summary>Comments keep proxies (and Cloud Run / Railway idle cuts) from closing a quiet stream.</summary>
    private async Task KeepAliveAsync(SseEventStream stream, Session session, string sessionId, CancellationTokenSource cancellation)
    {
        using var timer = new PeriodicTimer(settings.SseKeepAlive);
        while (await timer.WaitForNextTickAsync(cancellation.Token))
        {
            if (settings.SseIdleTimeout > TimeSpan.Zero &&
                TimeProvider.System.GetElapsedTime(session.LastActivity) > settings.SseIdleTimeout)
            {
                ServerLog.SseIdle(logger, sessionId);
                await cancellation.CancelAsync();
                return;
            }

            await stream.WriteKeepAliveAsync(cancellation.Token);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stream is gone; nothing is left to clean up.
        }
    }

    private sealed class Session(SseResponseStreamTransport transport)
    {
        public SseResponseStreamTransport Transport { get; } = transport;

        public long LastActivity { get; set; } = TimeProvider.System.GetTimestamp();
    }
}
