using System.Diagnostics;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// A private vfs buildah storage root (deleted afterwards) holding locally built stand-ins of the two bases
/// of a generated TypeScript module's Dockerfile (no registry can be pulled from here): the build stage's
/// node:&lt;v&gt;-trixie-slim (tests/image/stand-in-base) and the runtime stage's distroless Node.js image
/// (tests/image/stand-in-distroless-node), both with this machine's Node.js binary; and the end-to-end
/// workspace whose modules are built on them. For tests that build their own image from it.
/// </summary>
public sealed class NodeImageBases : IAsyncLifetime, IDisposable
{
    private readonly TemplatePack _pack;
    private readonly TempDirectory _storage = new("mcpops-buildah");

    public NodeImageBases(TemplatePack pack)
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

    public async Task InitializeAsync()
    {
        if (Buildah.UnavailableReason is not null)
        {
            return;
        }

        BuildBaseImage = (await Buildah.ScriptAsync("stand-in-base", [])).EnsureSuccess().StandardOutput.Trim();
        BaseImage = (await Buildah.ScriptAsync("stand-in-distroless-node", [])).EnsureSuccess().StandardOutput.Trim();
        Workspace = await GeneratedWorkspace.GetAsync(_pack);
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

/// <summary>
/// The generated Dockerfile of one module of the end-to-end workspace, built UNCHANGED with buildah
/// on the stand-ins of its two bases (<see cref="NodeImageBases"/>). Built once per test class.
/// </summary>
public sealed class ModuleImage(TemplatePack pack) : IAsyncLifetime, IDisposable
{
    /// <summary>The module with a non-default port (8082), so the port is known to come from the template.</summary>
    public const string Module = "inventory";
    public const int Port = 8082;
    public const string Tag = "localhost/mcpops-test/inventory-mcp:test";

    private readonly NodeImageBases _bases = new(pack);

    public Buildah Buildah => _bases.Buildah;

    public GeneratedWorkspace Workspace => _bases.Workspace;

    /// <inheritdoc cref="NodeImageBases.BaseImage"/>
    public string BaseImage => _bases.BaseImage;

    /// <inheritdoc cref="NodeImageBases.BuildBaseImage"/>
    public string BuildBaseImage => _bases.BuildBaseImage;

    public ImageConfig Config { get; private set; } = null!;

    public ImageConfig BaseConfig { get; private set; } = null!;

    public TimeSpan BuildTime { get; private set; }

    public string DockerfilePath => Path.Combine(Workspace.ModuleFolder(Module), "Dockerfile");

    public async Task InitializeAsync()
    {
        await _bases.InitializeAsync();
        if (Buildah.UnavailableReason is not null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        (await Buildah.BuildAsync(Workspace.Root, DockerfilePath, Tag)).EnsureSuccess();
        BuildTime = clock.Elapsed;

        Config = await Buildah.InspectAsync(Tag);
        BaseConfig = await Buildah.InspectAsync(BaseImage);
    }

    public Task DisposeAsync() => _bases.DisposeAsync();

    public void Dispose() => _bases.Dispose();
}
