using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>A generated server started as its users start it (`node dist/server.mjs`) on a free loopback port.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningServer(string moduleFolder, int port, string token)
    {
        Port = port;
        _process = ProcessRunner.Start(
            "node",
            ["dist/server.mjs"],
            moduleFolder,
            new Dictionary<string, string> { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MCP_AUTH_TOKEN"] = token },
            _output);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<RunningServer> StartAsync(string moduleFolder, string token, HttpClient http)
    {
        var server = new RunningServer(moduleFolder, FreePort(), token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"server in {moduleFolder} exited {server._process.ExitCode}:\n{server.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(server.BaseUrl, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"server in {moduleFolder} never became healthy:\n{server.Output}");
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
