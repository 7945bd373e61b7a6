using System.Diagnostics;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// The generated Dockerfile of one module of the end-to-end workspace, built UNCHANGED with buildah
/// on locally built stand-ins of its two bases (no registry can be pulled from here): the build
/// stage's node:&lt;v&gt;-trixie-slim (tests/image/stand-in-base) and the runtime stage's distroless
/// Node.js image (tests/image/stand-in-distroless-node), both with this machine's Node.js binary.
/// Built once per test class in a private vfs storage root that is deleted afterwards.
/// </summary>
public sealed class ModuleImage : IAsyncLifetime, IDisposable
{
    /// <summary>The module with a non-default port (8082), so the port is known to come from the template.</summary>
    public const string Module = "inventory";
    public const int Port = 8082;
    public const string Tag = "localhost/mcpops-test/inventory-mcp:test";

    private readonly TemplatePack _pack;
    private readonly TempDirectory _storage = new("mcpops-buildah");

    public ModuleImage(TemplatePack pack)
    {
        _pack = pack;
        Buildah = new Buildah(_storage.Path);
    }

    public Buildah Buildah { get; }

    public GeneratedWorkspace Workspace { get; private set; } = null!;

    /// <summary>The runtime stage's base (distroless Node.js stand-in): what the image is built on.</summary>
    public string BaseImage { get; private set; } = "";

    /// <summary>The build stage's base (node:&lt;v&gt;-trixie-slim stand-in, with a shell and npm).</summary>
    public string BuildBaseImage { get; private set; } = "";

    public ImageConfig Config { get; private set; } = null!;

    public ImageConfig BaseConfig { get; private set; } = null!;

    public TimeSpan BuildTime { get; private set; }

    public string DockerfilePath => Path.Combine(Workspace.ModuleFolder(Module), "Dockerfile");

    public async Task InitializeAsync()
    {
        if (Buildah.UnavailableReason is not null)
        {
            return;
        }

        BuildBaseImage = (await Buildah.ScriptAsync("stand-in-base", [])).EnsureSuccess().StandardOutput.Trim();
        BaseImage = (await Buildah.ScriptAsync("stand-in-distroless-node", [])).EnsureSuccess().StandardOutput.Trim();
        Workspace = await GeneratedWorkspace.GetAsync(_pack);

        var clock = Stopwatch.StartNew();
        (await Buildah.BuildAsync(Workspace.Root, DockerfilePath, Tag)).EnsureSuccess();
        BuildTime = clock.Elapsed;

        Config = await Buildah.InspectAsync(Tag);
        BaseConfig = await Buildah.InspectAsync(BaseImage);
    }

    public async Task DisposeAsync()
    {
        if (Buildah.UnavailableReason is null)
        {
            // Containers first (they hold the mounted root filesystems), then the whole storage root.
            await Buildah.RunAsync("rm", "--all");
        }

        Dispose();
    }

    public void Dispose() => _storage.Dispose();
}
