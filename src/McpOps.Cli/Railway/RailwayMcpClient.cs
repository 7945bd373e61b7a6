using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpOps.Cli.Railway;

/// <summary>
/// An MCP client session with Railway's local MCP server, `railway mcp` over stdio, started in the
/// workspace root so it sees the project `railway link` chose there. Every call names the module's
/// service and environment explicitly, and every Railway error becomes a <see cref="RailwayException"/>
/// that names the fix. Nothing is logged: arguments (a variable's value among them) travel only in the
/// JSON-RPC messages on the server's stdin.
/// </summary>
internal sealed class RailwayMcpClient : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    private readonly McpClient client;
    private readonly HashSet<string> tools;

    private RailwayMcpClient(McpClient client, HashSet<string> tools)
    {
        this.client = client;
        this.tools = tools;
    }

    /// <summary>Starts `railway mcp`, lists its tools and checks the login with `whoami`.</summary>
    public static async Task<RailwayMcpClient> StartAsync(string executable, string workspaceRoot, CancellationToken cancellationToken)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "railway",
            Command = executable,
            Arguments = ["mcp"],
            WorkingDirectory = workspaceRoot,
            StandardErrorLines = line =>
            {
                stderr.Enqueue(line);
                while (stderr.Count > 20 && stderr.TryDequeue(out _))
                {
                }
            },
        });

        McpClient client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            client = await McpClient.CreateAsync(
                transport,
                new McpClientOptions
                {
                    ClientInfo = new Implementation { Name = "mcpops", Version = typeof(RailwayMcpClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" },
                    // `railway mcp` (rmcp) speaks 2025-03-26: the client's server/discover probe fails and
                    // it falls back to initialize. A local process answers at once; do not wait 5 s for it.
                    DiscoverProbeTimeout = TimeSpan.FromSeconds(2),
                },
                cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is McpException or IOException or InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            var said = stderr.IsEmpty ? "" : $" It wrote: {string.Join(" | ", stderr)}";
            throw new RailwayException($"`{executable} mcp` did not start Railway's MCP server ({ex.Message}).{said} Railway's MCP server ships with the Railway CLI: upgrade it (`railway upgrade` or `npm install -g @railway/cli@latest`).", ex);
        }

        var session = new RailwayMcpClient(client, []);
        try
        {
            foreach (var tool in await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false))
            {
                session.tools.Add(tool.Name);
            }

            if (session.tools.Contains(RailwayTools.WhoAmI))
            {
                await session.CallAsync(RailwayTools.WhoAmI, target: null, [], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is McpException or IOException or OperationCanceledException)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw RailwayErrors.Explain("tools/list", target: null, ex.Message, ex);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    /// <summary>
    /// Calls <paramref name="tool"/> for <paramref name="target"/> (project, service, environment
    /// added here) and returns its text.
    /// </summary>
    public async Task<string> CallAsync(string tool, RailwayTarget? target, Dictionary<string, JsonNode?> arguments, CancellationToken cancellationToken)
    {
        if (!tools.Contains(tool))
        {
            throw new RailwayException($"Railway's MCP server has no `{tool}` tool (it has: {string.Join(", ", tools.Order(StringComparer.Ordinal))}): upgrade the Railway CLI (`railway upgrade`).");
        }

        var call = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (target is not null)
        {
            if (target.ProjectId is not null)
            {
                call[RailwayTools.ProjectId] = target.ProjectId;
            }

            call[RailwayTools.ServiceId] = target.Service;
            call[RailwayTools.EnvironmentId] = target.Environment;
        }

        foreach (var (name, value) in arguments)
        {
            call[name] = value;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(tool, call, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (McpException ex)
        {
            throw RailwayErrors.Explain(tool, target, ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new RailwayException($"`railway mcp` stopped during `{tool}` ({ex.Message}): run `railway status` to check the CLI, then try again.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RailwayException($"Railway's `{tool}` did not answer within {CallTimeout.TotalSeconds:0} s: check `railway status` and https://status.railway.com, then try again.", ex);
        }

        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        return result.IsError == true ? throw RailwayErrors.Explain(tool, target, text, inner: null) : text;
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
