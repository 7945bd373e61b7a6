using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpOps.McpCore;

/// <summary>
/// Wraps every tools/call: the tool's cancellation token fires on client cancellation, on
/// MCP_TOOL_TIMEOUT_MS and when the shutdown deadline aborts the request. A tool that ignores its token
/// still loses the race, so the client gets an isError answer it can read instead of a hung request.
/// (Exceptions thrown by tools are turned into isError results by the SDK itself.)
/// </summary>
internal static class ToolCallGuard
{
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> Create(TimeSpan timeout, Func<ILogger> logger) =>
        next => (request, cancellationToken) =>
        {
            if (request.MatchedPrimitive is McpServerTool tool && request.Params is { } call &&
                ToolArguments.Problem(call.Name, tool.ProtocolTool.InputSchema, call.Arguments) is { } problem)
            {
                return ValueTask.FromResult(new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = problem }] });
            }

            var started = Stopwatch.GetTimestamp();
            var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ValueTask<CallToolResult> pending;
            try
            {
                pending = next(request, timeoutSource.Token);
            }
            catch
            {
                timeoutSource.Dispose();
                throw;
            }

            // Most tools finish synchronously: no timer, no task, no race.
            if (pending.IsCompletedSuccessfully)
            {
                timeoutSource.Dispose();
                return pending;
            }

            // The timer starts only now, so a call that never awaits costs no timer; the deadline still counts
            // from the start of the call, synchronous work before the tool's first await included.
            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            timeoutSource.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            return AwaitWithTimeoutAsync(pending.AsTask(), request.Params?.Name ?? "?", timeoutSource, timeout, logger, cancellationToken);
        };

    private static async ValueTask<CallToolResult> AwaitWithTimeoutAsync(
        Task<CallToolResult> work, string name, CancellationTokenSource timeoutSource, TimeSpan timeout, Func<ILogger> logger, CancellationToken callerToken)
    {
        using (timeoutSource)
        {
            try
            {
                return await work.WaitAsync(timeoutSource.Token);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !callerToken.IsCancellationRequested)
            {
                // A late failure of the abandoned call must not surface as an unobserved task exception.
                _ = work.ContinueWith(static task => _ = task.Exception, TaskScheduler.Default);
                ServerLog.ToolTimedOut(logger(), name, timeout.TotalMilliseconds);
                return new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = $"Tool \"{name}\" timed out after {timeout.TotalMilliseconds:0} ms" }],
                };
            }
        }
    }
}
