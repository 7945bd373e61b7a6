using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpOps.McpCore;

internal enum McpRoute
{
    None,
    Health,
    Ready,
    Mcp,
    Sse,
    Messages,
    ResourceMetadata,
}

/// <summary>
/// Marks each endpoint mcp-core maps with what it is. The pipeline classifies a request by the endpoint
/// routing chose, never by its own reading of the path: routing matches "/MCP" and "/mcp/" to the /mcp
/// endpoint, so a separate, exact path table let those spellings reach the SDK without the bearer check.
/// </summary>
internal sealed record McpRouteMetadata(McpRoute Route);

/// <summary>
/// Everything in front of the SDK's handlers (it runs after routing chose an endpoint): the request log line, Host/Origin/bearer
/// checks, draining, method and media-type checks and the body cap. It looks at a body without consuming
/// or copying it (<see cref="PeekRpcAsync"/>); the SDK then parses it from Kestrel's pipe. The SDK accepts
/// any Origin and has no bearer check of its own, so nothing reaches it before this middleware said yes.
/// </summary>
internal sealed class McpRequestPipeline(McpServerSettings settings, ServerState state, ILogger logger)
{
    private readonly HttpGuards _guards = new(settings);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = context.GetEndpoint();
        var route = endpoint?.Metadata.GetMetadata<McpRouteMetadata>()?.Route ?? McpRoute.None;
        string? rpcMethod = null;
        string? tool = null;
        state.RequestStarted();
        if (state.IsDraining)
        {
            // Ask keep-alive clients to reconnect, to another replica.
            context.Response.Headers.Connection = "close";
        }

        try
        {
            if (endpoint is null)
            {
                // Answered here rather than by a catch-all endpoint, which routing would weigh on every call.
                await JsonRpcResponses.WriteJsonAsync(context, StatusCodes.Status404NotFound, new PlainError("Not found"), McpCoreJsonContext.Default.PlainError);
                return;
            }

            if (route is McpRoute.Health or McpRoute.Ready or McpRoute.None)
            {
                // Probes carry pod IPs or platform hosts as Host, so they skip the Host/Origin checks; they
                // reveal nothing but liveness. None is routing's own 405 for a known path and a wrong method:
                // no handler of ours runs behind it.
                await next(context);
                return;
            }

            if (await RejectAsync(context, route))
            {
                return;
            }

            if (HttpMethods.IsPost(context.Request.Method))
            {
                if (await PeekRpcAsync(context) is not { } summary)
                {
                    return;
                }

                (rpcMethod, tool) = summary;
            }

            await next(context);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            ServerLog.HandlerFailed(logger, exception, context.Request.Path.Value ?? "");
            if (!context.Response.HasStarted)
            {
                await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "Internal server error.", -32603);
            }
        }
        finally
        {
            state.RequestFinished();
            var elapsed = Stopwatch.GetElapsedTime(started);
            var durationMs = elapsed.TotalMilliseconds;
            var path = context.Request.Path.Value ?? "";
            var userAgent = context.Request.Headers.UserAgent;
            var httpRequest = new HttpRequestLog(context.Request.Method, path, context.Response.StatusCode, elapsed.TotalSeconds, userAgent.Count == 0 ? null : userAgent.ToString());
            if (route is McpRoute.Health or McpRoute.Ready)
            {
                // Probes hit every few seconds; keep them out of the default (info) log.
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    ServerLog.ProbeRequest(logger, context.Request.Method, path, context.Response.StatusCode, durationMs, httpRequest);
                }
            }
            else if (logger.IsEnabled(LogLevel.Information))
            {
                var trace = TraceLogFields.From(context.Request.Headers, settings.GoogleCloudProject);
                ServerLog.Request(logger, context.Request.Method, path, rpcMethod, tool, context.Response.StatusCode, durationMs, httpRequest, trace);
            }
        }
    }

    private async Task<bool> RejectAsync(HttpContext context, McpRoute route)
    {
        var request = context.Request;
        if ((_guards.CheckHost(request) ?? _guards.CheckOrigin(request)) is var (status, message))
        {
            await JsonRpcResponses.WriteErrorAsync(context, status, message);
            return true;
        }

        // Browsers send the CORS preflight without credentials, so it is answered before auth.
        if (HttpMethods.IsOptions(request.Method))
        {
            Cors.Preflight(context);
            return true;
        }

        Cors.Decorate(context);
        if (route == McpRoute.ResourceMetadata)
        {
            // Public by design (RFC 9728): it tells clients how to authenticate.
            return false;
        }

        if (!_guards.IsAuthorized(request))
        {
            // RFC 6750 section 3: no credentials get a bare challenge, wrong ones error="invalid_token".
            var metadata = $"resource_metadata=\"{ProtectedResourceMetadata.PublicOrigin(request)}{ProtectedResourceMetadata.Path}{settings.BasePath}/mcp\"";
            context.Response.Headers.WWWAuthenticate = request.Headers.Authorization.Count == 0
                ? $"Bearer {metadata}"
                : $"Bearer error=\"invalid_token\", error_description=\"The bearer token is not valid for this server\", {metadata}";
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: send \"Authorization: Bearer <token>\".");
            return true;
        }

        if (state.IsDraining)
        {
            context.Response.Headers.RetryAfter = "1";
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Server is shutting down, retry.");
            return true;
        }

        var allowed = route == McpRoute.Sse ? HttpMethods.Get : HttpMethods.Post;
        if (!string.Equals(request.Method, allowed, StringComparison.OrdinalIgnoreCase))
        {
            // GET would open a server-to-client stream and DELETE would end a session on /mcp: a stateless
            // server has neither.
            context.Response.Headers.Allow = allowed;
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed.");
            return true;
        }

        if (allowed == HttpMethods.Post &&
            !(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
            return true;
        }

        return false;
    }

    /// <summary>
    /// Describes the JSON-RPC payload for the log line without consuming it: the whole body is read into
    /// Kestrel's pipe and left there, so the SDK reads the same bytes from Kestrel's own reader (no copy, no
    /// replaced stream). Kestrel's MaxRequestBodySize stops a body over the cap (413, caught above); a
    /// Content-Length over it is refused before reading. A malformed body is answered here (see
    /// <see cref="JsonRpcShape"/>). Returns null after answering.
    /// </summary>
    private async Task<(string? RpcMethod, string? Tool)?> PeekRpcAsync(HttpContext context)
    {
        if (context.Request.ContentLength > settings.MaxBodyBytes)
        {
            await TooLargeAsync(context);
            return null;
        }

        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(context.RequestAborted);
            if (read.IsCompleted || read.IsCanceled)
            {
                var summary = RpcSummary.Describe(read.Buffer);
                var (problem, initializeVersion) = JsonRpcShape.Check(read.Buffer);
                if (problem is not null)
                {
                    body.AdvanceTo(read.Buffer.End);
                    await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, problem.Message, problem.Code, problem.Id);
                    return null;
                }

                if (initializeVersion is not null && HandshakeRevisions.IsNewerThanAll(initializeVersion))
                {
                    // A revision without the initialize handshake (2026-07-28 on) asked through it: negotiate
                    // the newest handshake revision, as the specification says and the TypeScript runtime does,
                    // instead of the SDK's -32022.
                    var rewritten = HandshakeRevisions.AskForLatest(read.Buffer);
                    body.AdvanceTo(read.Buffer.End);
                    context.Request.Body = new MemoryStream(rewritten, writable: false);
                    context.Request.ContentLength = rewritten.Length;
                    return summary;
                }

                body.AdvanceTo(read.Buffer.Start);
                return summary;
            }

            // Nothing consumed, everything examined: the next read waits for more of the body.
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private async Task TooLargeAsync(HttpContext context)
    {
        // The half-read connection must not be reused.
        context.Response.Headers.Connection = "close";
        await JsonRpcResponses.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {settings.MaxBodyBytes} bytes.");
    }
}

/// <summary>Draining flag and in-flight request count, shared by the pipeline, the probes and shutdown.</summary>
internal sealed class ServerState
{
    private int _inFlight;
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void StartDraining() => _draining = true;

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestFinished() => Interlocked.Decrement(ref _inFlight);
}
