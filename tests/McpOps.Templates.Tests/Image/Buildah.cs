using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// buildah (Debian package) with a private vfs storage root and chroot isolation, through
/// tests/image/buildah: builds images as root without a Docker engine or a registry.
/// </summary>
public sealed class Buildah
{
    public Buildah(string storageRoot) => StorageRoot = storageRoot;

    public string StorageRoot { get; }

    public static string ScriptsFolder => Path.Combine(RepositoryPaths.Root, "tests", "image");

    /// <summary>Why the image tests cannot run on this machine, or null when they can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ScriptAsync("buildah", arguments);

    /// <summary>The configuration (`buildah inspect --type image`) of an image in this storage root.</summary>
    public async Task<ImageConfig> InspectAsync(string image) =>
        ImageConfig.Parse((await RunAsync("inspect", "--type", "image", image)).EnsureSuccess().StandardOutput);

    /// <summary>Runs one of the scripts in tests/image against this storage root.</summary>
    public Task<ProcessResult> ScriptAsync(string script, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(ScriptsFolder, script), .. arguments],
            workingDirectory ?? RepositoryPaths.Root,
            new Dictionary<string, string> { ["MCPOPS_BUILDAH_ROOT"] = StorageRoot },
            timeout ?? TimeSpan.FromMinutes(5));

    /// <summary>
    /// `buildah build` the way the README documents it: vfs, chroot isolation, Docker format (else
    /// HEALTHCHECK is dropped), and never a pull, so only the local stand-in base can be used.
    /// </summary>
    public Task<ProcessResult> BuildAsync(string contextDirectory, string dockerfile, string tag, params string[] extraArguments) =>
        ScriptAsync(
            "buildah",
            ["build", "--isolation", "chroot", "--format", "docker", "--pull=never", "-f", dockerfile, "-t", tag, .. extraArguments, contextDirectory],
            contextDirectory,
            TimeSpan.FromMinutes(8));

    private static string? FindUnavailableReason()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "buildah")));
        string? reason = null;
        if (!onPath)
        {
            reason = "buildah is not installed (Debian: apt-get install buildah; .ci/run installs it from .ci/apt-packages)";
        }
        else if (Environment.UserName != "root")
        {
            reason = "buildah with vfs storage and chroot isolation needs root; run the tests as root";
        }

        // In CI (.ci/run sets CI=true and installs buildah) a missing buildah is a failure, not a skip.
        if (reason is not null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return reason;
    }
}

/// <summary>A fact that is skipped, with the reason shown, only where buildah cannot run.</summary>
public sealed class BuildahFactAttribute : FactAttribute
{
    public BuildahFactAttribute()
    {
        if (Buildah.UnavailableReason is { } reason)
        {
            Skip = "image build not checked: " + reason;
        }
    }
}
