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
/// Images without a shell (chiseled, distroless) cannot `cd` to their WorkingDir through `sh -c`:
/// they are entered with `nsenter --root --wd --setuid --setgid` instead (the same chroot(2) and
/// user switch, plus the chdir a runtime does; util-linux, Essential in Debian), with /proc and
/// /dev mounted into the root filesystem as a container runtime does (the .NET runtime does not
/// start without /proc).
/// </summary>
public sealed class ImageServer : IAsyncDisposable
{
    private readonly Buildah _buildah;
    private readonly string _container;
    private readonly StringBuilder _output = new();
    private readonly List<string> _mounts = [];
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

    /// <summary>Whether the image has /bin/sh (Debian-slim style) or not (chiseled, distroless).</summary>
    public bool HasShell => File.Exists(Path.Combine(RootFilesystem, "bin", "sh")) || File.Exists(Path.Combine(RootFilesystem, "usr", "bin", "sh"));

    private string WorkingDir => Config.WorkingDir.Length > 0 ? Config.WorkingDir : "/";

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
        await MountRuntimeFileSystemsAsync();
        _process = ProcessRunner.Start(
            "env",
            HasShell ? ImageCommand(["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", WorkingDir, .. command]) : ImageCommand(command, inWorkingDir: true),
            "/",
            null,
            _output);

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

    /// <summary>
    /// Runs the image's HEALTHCHECK (exec form: ["CMD", ...]) inside the image as its USER (in its
    /// WorkingDir, as Docker runs it, for shell-less images whose check names a relative path).
    /// </summary>
    public async Task<ProcessResult> HealthcheckAsync()
    {
        var test = Config.HealthcheckTest ?? throw new InvalidOperationException("the image has no HEALTHCHECK");
        Assert.Equal("CMD", test[0]);
        await MountRuntimeFileSystemsAsync();
        return await ProcessRunner.RunAsync("env", ImageCommand([.. test.Skip(1)], inWorkingDir: !HasShell), "/", timeout: TimeSpan.FromSeconds(30));
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
        for (var i = _mounts.Count - 1; i >= 0; i--)
        {
            await ProcessRunner.RunAsync("umount", [_mounts[i]], "/");
        }

        await _buildah.RunAsync("umount", _container);
        await _buildah.RunAsync("rm", _container);
    }

    // /proc and a minimal /dev (a tmpfs with null, zero, full, random, urandom and shm), as a container
    // runtime provides them; only for shell-less images (the Node.js image runs without them, as it
    // always has here). Never a bind mount of the host's /dev: a recursive delete of the storage root
    // after a failed unmount must not reach host device nodes. Unmounted on dispose.
    private async Task MountRuntimeFileSystemsAsync()
    {
        if (HasShell || _mounts.Count > 0)
        {
            return;
        }

        var proc = Path.Combine(RootFilesystem, "proc");
        Directory.CreateDirectory(proc);
        (await ProcessRunner.RunAsync("mount", ["-t", "proc", "proc", proc], "/")).EnsureSuccess();
        _mounts.Add(proc);

        var dev = Path.Combine(RootFilesystem, "dev");
        Directory.CreateDirectory(dev);
        (await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "mode=755,nosuid,size=64m", "tmpfs", dev], "/")).EnsureSuccess();
        _mounts.Add(dev);
        foreach (var (name, minor) in new[] { ("null", "3"), ("zero", "5"), ("full", "7"), ("random", "8"), ("urandom", "9") })
        {
            (await ProcessRunner.RunAsync("mknod", ["-m", "666", Path.Combine(dev, name), "c", "1", minor], "/")).EnsureSuccess();
        }

        var shm = Path.Combine(dev, "shm");
        Directory.CreateDirectory(shm);
        (await ProcessRunner.RunAsync("chmod", ["1777", shm], "/")).EnsureSuccess();
    }

    // env -i NAME=VALUE... chroot --userspec=UID:GID <rootfs> <command...>: nothing of the host's
    // environment leaks in; the user is the image's numeric USER.

    private List<string> ImageCommand(IEnumerable<string> command, bool inWorkingDir = false)
    {
        var environment = new Dictionary<string, string>(Config.Env, StringComparer.Ordinal)
        {
            ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["MCP_AUTH_TOKEN"] = Token,
        };
        var uid = Config.NumericUid ?? throw new InvalidOperationException($"USER '{Config.User}' is not numeric");
        var gid = Config.NumericGid ?? uid;
        if (inWorkingDir)
        {
            // nsenter opens --wd before it changes root: the path is the host's view of WorkingDir.
            return
            [
                "-i",
                .. environment.Select(e => $"{e.Key}={e.Value}"),
                "nsenter",
                $"--root={RootFilesystem}",
                $"--wd={Path.Combine(RootFilesystem, WorkingDir.TrimStart('/'))}",
                $"--setuid={uid.ToString(CultureInfo.InvariantCulture)}",
                $"--setgid={gid.ToString(CultureInfo.InvariantCulture)}",
                .. command,
            ];
        }

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
