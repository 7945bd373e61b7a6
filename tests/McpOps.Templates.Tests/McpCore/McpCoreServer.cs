using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.McpCore;

/// <summary>
/// A server built on the generated workspace's mcp-core, started as a plain `node` process on a
/// free loopback port (its pid is exposed so the soak test can read its RSS).
/// </summary>
public sealed class McpCoreServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private McpCoreServer(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Port = FreePort();
        var env = new Dictionary<string, string>(environment) { ["PORT"] = Port.ToString(CultureInfo.InvariantCulture) };
        _process = ProcessRunner.Start("node", arguments, workingDirectory, env, _output);
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Starts `node arguments...` and waits until GET /health answers 200.</summary>
    public static async Task<McpCoreServer> StartAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var server = new McpCoreServer(arguments, workingDirectory, environment);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"server exited {server._process.ExitCode}:\n{server.Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(server.BaseUrl, "health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"server never became healthy:\n{server.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
