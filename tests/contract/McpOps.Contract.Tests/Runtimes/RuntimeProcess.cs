using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>What the suite does with the server's stdout.</summary>
public enum StdoutMode
{
    /// <summary>Read every line (the log schema cases read them).</summary>
    Read,

    /// <summary>The reader is gone after the first line: later writes fail (EPIPE), like `server > >(head -1)`.</summary>
    Closed,

    /// <summary>Never read: the pipe fills and writes block, like a stuck log collector.</summary>
    Blocked,
}

/// <summary>
/// One server process started from an adapter with a clean environment: the contract's defaults (a free
/// port, 127.0.0.1, a token) plus the case's variables. Disposing kills what is still running.
/// </summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    public const string Token = "contract-token-0123456789abcdef";

    private static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "DOTNET_CLI_TELEMETRY_OPTOUT"];
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RuntimeProcess(Process process, int port, string basePath)
    {
        _process = process;
        Port = port;
        Root = new Uri($"http://127.0.0.1:{port}");
        BaseUrl = new Uri($"http://127.0.0.1:{port}{basePath}");
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:port (probes are also answered here).</summary>
    public Uri Root { get; }

    /// <summary>Root plus the runtime's public path prefix plus MCP_BASE_PATH: BaseUrl + "/mcp", "/sse".</summary>
    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    /// <summary>Each stdout line parsed as a JSON object (the log schema requires every line to be one).</summary>
    public IReadOnlyList<JsonObject> LogLines() =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToArray();

    /// <summary>Starts the server and waits for GET /health to answer 200.</summary>
    public static async Task<RuntimeProcess> StartAsync(
        RuntimeAdapter runtime, IReadOnlyDictionary<string, string?>? environment = null, StdoutMode stdout = StdoutMode.Read)
    {
        var process = await LaunchAsync(runtime, environment, stdout);
        try
        {
            await process.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    /// <summary>Starts the server without waiting (for cases where it must refuse to start).</summary>
    public static async Task<RuntimeProcess> LaunchAsync(
        RuntimeAdapter runtime, IReadOnlyDictionary<string, string?>? environment = null, StdoutMode stdout = StdoutMode.Read)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        await runtime.EnsureBuiltAsync();
        var startInfo = runtime.CreateStartInfo();
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        var inherited = Inherited.Select(name => (name, value: Environment.GetEnvironmentVariable(name))).ToArray();
        startInfo.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            if (value is not null)
            {
                startInfo.Environment[name] = value;
            }
        }

        var port = FreePort();
        var variables = new Dictionary<string, string?>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOST"] = "127.0.0.1",
            ["MCP_AUTH_TOKEN"] = Token,
            ["MCP_SHUTDOWN_TIMEOUT_MS"] = "3000",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        foreach (var (name, value) in variables)
        {
            if (value is not null)
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var basePath = (variables.GetValueOrDefault("MCP_BASE_PATH") ?? "").TrimEnd('/');
        var running = new RuntimeProcess(process, port, runtime.PublicPathPrefix + basePath);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (running._stderr) { running._stderr.AppendLine(e.Data); } } };
        if (stdout == StdoutMode.Read)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (running._stdout) { running._stdout.Append(e.Data).Append('\n'); } } };
        }

        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        switch (stdout)
        {
            case StdoutMode.Read:
                process.BeginOutputReadLine();
                break;
            case StdoutMode.Closed:
                // Like `server > >(head -1)`: the first line is read, then the reader is gone.
                _ = Task.Run(async () =>
                {
                    await process.StandardOutput.ReadLineAsync();
                    process.StandardOutput.Close();
                });
                break;
            case StdoutMode.Blocked:
                break;
        }

        return running;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} before it was healthy:\n{Stderr}\n{Stdout}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Root, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"GET /health did not answer 200 within {timeout}:\n{Stderr}\n{Stdout}");
    }

    /// <summary>Sends SIGTERM, as every platform does before its SIGKILL.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The exit code, or null when the process is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);

            // The parameterless wait also waits for the asynchronous stdout/stderr readers to reach EOF.
            _process.WaitForExit();
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until a stdout line contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForStdoutAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Stdout.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
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
