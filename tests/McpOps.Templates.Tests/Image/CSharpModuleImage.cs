using System.Diagnostics;
using McpOps.Templates.Tests.CSharp;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// The generated Dockerfile of the C# module of the mixed end-to-end workspace (inventory, port 8082),
/// built UNCHANGED with buildah on locally built stand-ins of its two base images
/// (tests/image/stand-in-dotnet-bases: this machine's .NET SDK standing in for
/// mcr.microsoft.com/dotnet/sdk:&lt;ver&gt;-noble, and its dotnet host plus the two shared frameworks,
/// without a shell, standing in for mcr.microsoft.com/dotnet/aspnet:&lt;ver&gt;-noble-chiseled).
/// The build's `dotnet restore` reaches NuGet from inside the build. Built once per test class in a
/// private vfs storage root that is deleted afterwards.
/// </summary>
public sealed class CSharpModuleImage : IAsyncLifetime, IDisposable
{
    public const string Module = MixedWorkspace.CSharpModule;
    public const string Project = MixedWorkspace.CSharpProject;
    public const int Port = 8082;
    public const string Tag = "localhost/mcpops-test/inventory-csharp-mcp:test";

    private readonly TemplatePack _pack;
    private readonly TempDirectory _storage = new("mcpops-buildah-cs");

    public CSharpModuleImage(TemplatePack pack)
    {
        _pack = pack;
        Buildah = new Buildah(_storage.Path);
    }

    public Buildah Buildah { get; }

    public MixedWorkspace Workspace { get; private set; } = null!;

    public string SdkBaseImage { get; private set; } = "";

    public string RuntimeBaseImage { get; private set; } = "";

    public ImageConfig Config { get; private set; } = null!;

    public ImageConfig RuntimeBaseConfig { get; private set; } = null!;

    public TimeSpan BuildTime { get; private set; }

    public string BuildOutput { get; private set; } = "";

    public string DockerfilePath => Path.Combine(Workspace.CSharpModuleFolder, "Dockerfile");

    public async Task InitializeAsync()
    {
        if (Buildah.UnavailableReason is not null)
        {
            return;
        }

        var bases = (await Buildah.ScriptAsync("stand-in-dotnet-bases", [])).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        (SdkBaseImage, RuntimeBaseImage) = bases is [var sdk, var runtime] ? (sdk, runtime) : throw new InvalidOperationException("stand-in-dotnet-bases printed: " + string.Join(" | ", bases));
        Workspace = await MixedWorkspace.GetAsync(_pack);

        var clock = Stopwatch.StartNew();
        BuildOutput = (await Buildah.BuildAsync(Workspace.Root, DockerfilePath, Tag)).EnsureSuccess().Output;
        BuildTime = clock.Elapsed;

        Config = await Buildah.InspectAsync(Tag);
        RuntimeBaseConfig = await Buildah.InspectAsync(RuntimeBaseImage);
    }

    public async Task DisposeAsync()
    {
        if (Buildah.UnavailableReason is null)
        {
            await Buildah.RunAsync("rm", "--all");
        }

        Dispose();
    }

    public void Dispose() => _storage.Dispose();
}
