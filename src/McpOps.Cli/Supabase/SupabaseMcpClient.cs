using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpOps.Cli.Supabase;

/// <summary>
/// An MCP client session (official C# SDK) with the Supabase MCP server: the pinned npm package started
/// with `npx` over stdio, the access token in its environment only, or the hosted server over
/// Streamable HTTP with the token in the Authorization header. Nothing is logged; the server's stderr
/// is kept (last lines) for error messages, with the token masked should it ever appear.
/// </summary>
internal sealed class SupabaseMcpClient : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(5);

    private readonly McpClient client;
    private readonly IReadOnlyList<string> tools;
    private readonly Func<string> stderr;

    private SupabaseMcpClient(McpClient client, IReadOnlyList<string> tools, Func<string> stderr)
    {
        this.client = client;
        this.tools = tools;
        this.stderr = stderr;
    }

    public static async Task<SupabaseMcpClient> StartAsync(SupabaseServer server, string accessToken, string npx, string workingDirectory, CancellationToken cancellationToken)
    {
        var lines = new ConcurrentQueue<string>();
        string Said() => lines.IsEmpty ? "" : " It wrote: " + string.Join(" | ", lines).Replace(accessToken, "***", StringComparison.Ordinal);
        IClientTransport transport = server.Hosted
            ? new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = "supabase",
                Endpoint = server.HostedEndpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken },
            })
            : new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "supabase",
                Command = npx,
                Arguments = [.. server.NpxArguments()],
                WorkingDirectory = workingDirectory,
                EnvironmentVariables = new Dictionary<string, string?> { [SupabaseServer.AccessTokenVariable] = accessToken },
                StandardErrorLines = line =>
                {
                    lines.Enqueue(line);
                    while (lines.Count > 20 && lines.TryDequeue(out _))
                    {
                    }
                },
            });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        McpClient client;
        try
        {
            client = await McpClient.CreateAsync(
                transport,
                new McpClientOptions
                {
                    ClientInfo = new Implementation { Name = "mcpops", Version = typeof(SupabaseMcpClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" },
                },
                cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is McpException or IOException or InvalidOperationException or OperationCanceledException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            var how = server.Hosted
                ? HostedFailure(server, ex).Replace(accessToken, "***", StringComparison.Ordinal)
                : $"`{server.Describe(npx)}` did not start the Supabase MCP server ({ex.Message}).{Said()} It needs Node.js >= 20 and npm (npx) on PATH, and the npm registry (or a warm npx cache).";
            throw new SupabaseException(how, ex);
        }

        try
        {
            var listed = await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            return new SupabaseMcpClient(client, [.. listed.Select(t => t.Name)], Said);
        }
        catch (Exception ex) when (ex is McpException or IOException or OperationCanceledException or HttpRequestException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new SupabaseException($"the Supabase MCP server did not list its tools ({ex.Message}).{Said()}", ex);
        }
    }

    /// <summary>Calls <paramref name="tool"/>; a tool error becomes a <see cref="SupabaseException"/> with the server's words.</summary>
    public async Task<CallToolResult> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        if (!tools.Contains(tool, StringComparer.Ordinal))
        {
            throw new SupabaseException($"the Supabase MCP server has no `{tool}` tool (it has: {string.Join(", ", tools.Order(StringComparer.Ordinal))}): it must run with --features functions and not --read-only; the pinned version is {SupabaseServer.Package}.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (McpException ex)
        {
            throw new SupabaseException($"`{tool}` failed: {ex.Message}.{stderr()}", ex);
        }
        catch (IOException ex)
        {
            throw new SupabaseException($"the Supabase MCP server stopped during `{tool}` ({ex.Message}).{stderr()}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SupabaseException($"`{tool}` did not answer within {CallTimeout.TotalMinutes:0} minutes: check https://status.supabase.com, then try again.", ex);
        }

        if (result.IsError == true)
        {
            throw new SupabaseException($"Supabase refused `{tool}`: {Text(result)}");
        }

        return result;
    }

    /// <summary>Why the hosted server could not be used: it refused the token (401/403), or it could not be reached. The message may quote the server's answer, so the caller masks the token.</summary>
    private static string HostedFailure(SupabaseServer server, Exception ex) =>
        ex is HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden }
            ? $"the hosted Supabase MCP server ({server.HostedServerUrl}) refused the access token ({ex.Message}): check {SupabaseServer.AccessTokenVariable} (a personal access token, from https://supabase.com/dashboard/account/tokens, of an account that can reach project {server.ProjectRef})."
            : $"the hosted Supabase MCP server ({server.HostedServerUrl}) could not be reached ({ex.Message}): check the network and https://status.supabase.com, or deploy without --hosted (the local server over stdio).";

    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text)).Trim() is { Length: > 0 } text
            ? text
            : result.StructuredContent is { } structured ? structured.GetRawText() : "(no message)";

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
