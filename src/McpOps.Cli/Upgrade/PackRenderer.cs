using System.Diagnostics;
using McpOps.Cli.Modules;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// Renders with the McpOps.Templates package of each version, installed into a private template hive
/// (`dotnet new install &lt;nupkg&gt; --debug:custom-hive &lt;hive&gt;`, one hive per version, deleted when
/// disposed), so the user's own installed templates are neither used nor changed. The package of a
/// version is looked up, in order: in the --from folder (or the --from package itself), then in the NuGet
/// global packages folder (NUGET_PACKAGES, else ~/.nuget/packages/mcpops.templates/&lt;version&gt;/), where
/// `dotnet new install McpOps.Templates::&lt;version&gt;` or any restore leaves it.
/// </summary>
internal sealed class PackRenderer(Func<string, string?> environment, string? from) : ITemplateRenderer, IDisposable
{
    public const string PackageId = "McpOps.Templates";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> _hives = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _folders = [];

    public IReadOnlyDictionary<string, string> Render(string version, string template, IReadOnlyList<string> arguments)
    {
        var hive = HiveFor(version);
        var runner = new DotnetNewRunner(name => name == DotnetNewRunner.HiveVariable ? hive : environment(name));
        using var staging = StagingFolder.Create();
        var result = runner.Run(staging.Path, [template, .. arguments]);
        if (result.ExitCode != 0)
        {
            throw new WorkspaceException($"rendering {template} of {PackageId} {version} failed: `{result.CommandLine}` exited {result.ExitCode}:\n{result.Output.TrimEnd()}");
        }

        return TemplateRecord.ReadFolder(staging.Path);
    }

    /// <summary>Where the package of <paramref name="version"/> is, or null.</summary>
    public string? FindPackage(string version)
    {
        var fileName = $"{PackageId}.{version}.nupkg";
        if (from is not null)
        {
            if (File.Exists(from))
            {
                return Path.GetFileName(from).Equals(fileName, StringComparison.OrdinalIgnoreCase) ? from : null;
            }

            var inFolder = Directory.Exists(from)
                ? Directory.EnumerateFiles(from, "*.nupkg").FirstOrDefault(f => Path.GetFileName(f).Equals(fileName, StringComparison.OrdinalIgnoreCase))
                : null;
            if (inFolder is not null)
            {
                return inFolder;
            }
        }

        var cache = environment("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Path.Combine(cache, PackageId.ToLowerInvariant(), version.ToLowerInvariant(), fileName.ToLowerInvariant());
        return File.Exists(cached) ? cached : null;
    }

    /// <summary>The hive of <paramref name="version"/>, installed on first use; the hives of two versions install at the same time.</summary>
    private string HiveFor(string version) =>
        _hives.GetOrAdd(version, v => new Lazy<string>(() => Install(v))).Value;

    private string Install(string version)
    {
        var package = FindPackage(version) ?? throw new WorkspaceException(
            $"no {PackageId} {version} package to render with. Pass it with `--from <folder or .nupkg>`, or put it in the NuGet cache: `dotnet new install {PackageId}::{version}` (then `dotnet new install {PackageId}::<the version you use>` again).");
        var hive = Path.Combine(Path.GetTempPath(), "mcpops-upgrade-hive-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(hive);
        _folders.Add(hive);
        var install = new ProcessStartInfo(environment(DotnetNewRunner.DotnetVariable) is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "new", "install", package, "--debug:custom-hive", hive })
        {
            install.ArgumentList.Add(argument);
        }

        install.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        install.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(install) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new WorkspaceException($"`dotnet new install {package}` into a private hive exited {process.ExitCode}:\n{(stdout.Result + stderr.Result).TrimEnd()}");
        }

        return hive;
    }

    public void Dispose()
    {
        // Only hives that were installed are listed; a failed install's folder is too (deleted here).
        foreach (var hive in _folders)
        {
            try
            {
                Directory.Delete(hive, recursive: true);
            }
            catch (IOException)
            {
                // A temporary hive left behind is harmless.
            }
        }
    }
}
