using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.CSharp;

/// <summary>
/// A generated C# server started as its image starts it (`dotnet &lt;Project&gt;.dll`) on a free loopback
/// port. The C# sibling of <see cref="RunningServer"/>, which runs `node dist/server.mjs`.
/// </summary>
public sealed class RunningDotnetServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningDotnetServer(string dll, int port, IReadOnlyDictionary<string, string> environment)
    {
        Port = port;
        var env = new Dictionary<string, string>(environment) { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) };
        _process = ProcessRunner.Start("dotnet", [Path.GetFileName(dll)], Path.GetDirectoryName(dll)!, env, _output);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<RunningDotnetServer> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, HttpClient http)
    {
        var server = new RunningDotnetServer(dll, FreePort(), environment);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited {server._process.ExitCode}:\n{server.Output}");
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
        throw new TimeoutException($"{dll} never became healthy:\n{server.Output}");
    }

    /// <summary>
    /// Waits for a log line containing <paramref name="text"/>: the request line is written once the
    /// response has completed, and the console logger writes from a background queue.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Sends SIGTERM, as a platform does, and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        (await ProcessRunner.RunAsync("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)], Path.GetTempPath())).EnsureSuccess();
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
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
