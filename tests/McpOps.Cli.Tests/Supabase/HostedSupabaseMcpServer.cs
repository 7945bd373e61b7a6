using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>
/// A stand-in for the hosted Supabase MCP server (https://mcp.supabase.com/mcp): the real
/// @supabase/mcp-server-supabase 0.13.0 in its own `--http` mode, which is the official MCP TypeScript
/// SDK's Streamable HTTP handler (`createMcpHandler`, `toNodeHandler`) around the package's server
/// factory. Per request it takes the bearer token from the Authorization header as the platform's
/// access token and the scope from the query (`project_ref`, `features`), as the hosted server does;
/// its Management API is the <see cref="SupabaseApiStandIn"/> (`--api-url`), which refuses any other
/// token. Everything the server writes (its request log) is kept for assertions.
/// </summary>
internal sealed partial class HostedSupabaseMcpServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    public HostedSupabaseMcpServer(SupabaseApiStandIn managementApi)
    {
        var cli = Path.Combine(SupabaseApiStandIn.Folder, "node_modules", "@supabase", "mcp-server-supabase", "dist", "cli.js");

        // A custom --api-url needs a secret-collection URL template; no test opens it.
        var start = new ProcessStartInfo("node", [cli, "--http", "--port", "0", "--api-url", managementApi.Url, "--secret-url-template", "http://127.0.0.1/secrets?ref={ref}&name={name}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            log.Enqueue(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["url"].Value);
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the Supabase MCP server (--http) exited: " + Log));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(StartTimeout))
        {
            Dispose();
            throw new TimeoutException($"the Supabase MCP server (--http) did not listen within {StartTimeout.TotalSeconds:0} s: {Log}");
        }

        Url = listening.Task.Result;
    }

    /// <summary>Its Streamable HTTP endpoint, http://127.0.0.1:PORT/mcp (no query: the client adds the scope).</summary>
    public string Url { get; }

    /// <summary>All it wrote so far (one line per request: method, tool, client).</summary>
    public string Log => string.Join("\n", log);

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
