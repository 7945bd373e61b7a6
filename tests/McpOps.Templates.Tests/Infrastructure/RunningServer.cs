using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// A generated server started as its users start it, on a free loopback port, once GET /health
/// answers 200: a TypeScript module (`node dist/server.mjs`), a C# module (`dotnet X.dll`) or any
/// other command. Its output is kept for diagnostics and its pid exposed (RSS, SIGTERM).
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private static readonly HttpClient DefaultHttp = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningServer(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Port = FreePort();
        var env = new Dictionary<string, string>(environment) { ["PORT"] = Port.ToString(CultureInfo.InvariantCulture) };
        _process = ProcessRunner.Start(fileName, arguments, workingDirectory, env, _output);
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>A generated TypeScript module, started with `node dist/server.mjs` and the given token.</summary>
    public static Task<RunningServer> StartAsync(string moduleFolder, string token, HttpClient http) =>
        StartAsync("node", ["dist/server.mjs"], moduleFolder, new Dictionary<string, string> { ["MCP_AUTH_TOKEN"] = token }, http);

    /// <summary>A generated C# module, started as its image starts it: `dotnet X.dll` in the dll's folder.</summary>
    public static Task<RunningServer> StartDotnetAsync(string dll, IReadOnlyDictionary<string, string> environment, HttpClient http) =>
        StartAsync("dotnet", [Path.GetFileName(dll)], Path.GetDirectoryName(dll)!, environment, http);

    public static async Task<RunningServer> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        HttpClient? http = null)
    {
        http ??= DefaultHttp;
        var server = new RunningServer(fileName, arguments, workingDirectory, environment);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"`{fileName}` in {workingDirectory} exited {server._process.ExitCode}:\n{server.Output}");
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

            await Task.Delay(50);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"`{fileName}` in {workingDirectory} never became healthy:\n{server.Output}");
    }

    /// <summary>
    /// Waits for an output line containing <paramref name="text"/>: a request's log line is written
    /// once the response has completed, and some loggers write from a background queue.
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
