using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// Runs an image's command the way a container runtime would, without one (podman run does not
/// work here): the image's root filesystem from `buildah mount`, entered with
/// `chroot --userspec=UID:GID`, the image's Env only (env -i), its WorkingDir, its Entrypoint+Cmd.
/// The host's network is shared, so PORT is set to a free loopback port.
/// </summary>
public sealed class ImageServer : IAsyncDisposable
{
    private readonly Buildah _buildah;
    private readonly string _container;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ImageServer(Buildah buildah, string container, string rootFilesystem, ImageConfig config, int port, string token)
    {
        _buildah = buildah;
        _container = container;
        RootFilesystem = rootFilesystem;
        Config = config;
        Port = port;
        Token = token;
    }

    public string RootFilesystem { get; }

    public ImageConfig Config { get; }

    public int Port { get; }

    public string Token { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("not started");

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Mounts a fresh container of the image (without starting anything).</summary>
    public static async Task<ImageServer> MountAsync(Buildah buildah, string image, ImageConfig config, string token)
    {
        var container = (await buildah.RunAsync("from", "--pull=never", image)).EnsureSuccess().StandardOutput.Trim();
        var mount = (await buildah.RunAsync("mount", container)).EnsureSuccess().StandardOutput.Trim();
        return new ImageServer(buildah, container, mount, config, FreePort(), token);
    }

    /// <summary>Starts Entrypoint + Cmd as the image's USER and waits until /health answers 200.</summary>
    public async Task StartAsync(HttpClient http)
    {
        var command = (Config.Entrypoint ?? []).Concat(Config.Cmd).ToList();
        Assert.NotEmpty(command);
        _process = ProcessRunner.Start("env", ImageCommand(["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", Config.WorkingDir.Length > 0 ? Config.WorkingDir : "/", .. command]), "/", null, _output);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the image's command exited {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the image's server never became healthy:\n{Output}");
    }

    /// <summary>Runs the image's HEALTHCHECK (exec form: ["CMD", ...]) inside the image as its USER.</summary>
    public Task<ProcessResult> HealthcheckAsync()
    {
        var test = Config.HealthcheckTest ?? throw new InvalidOperationException("the image has no HEALTHCHECK");
        Assert.Equal("CMD", test[0]);
        return ProcessRunner.RunAsync("env", ImageCommand([.. test.Skip(1)]), "/", timeout: TimeSpan.FromSeconds(30));
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        await _buildah.RunAsync("umount", _container);
        await _buildah.RunAsync("rm", _container);
    }

    // env -i NAME=VALUE... chroot --userspec=UID:GID <rootfs> <command...>: nothing of the host's
    // environment leaks in; the user is the image's numeric USER.
    private List<string> ImageCommand(IEnumerable<string> command)
    {
        var environment = new Dictionary<string, string>(Config.Env, StringComparer.Ordinal)
        {
            ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["MCP_AUTH_TOKEN"] = Token,
        };
        var uid = Config.NumericUid ?? throw new InvalidOperationException($"USER '{Config.User}' is not numeric");
        var gid = Config.NumericGid ?? uid;
        return
        [
            "-i",
            .. environment.Select(e => $"{e.Key}={e.Value}"),
            "chroot",
            $"--userspec={uid}:{gid}",
            RootFilesystem,
            .. command,
        ];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
