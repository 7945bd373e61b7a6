using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// The released tool is .NET 10 RID-specific tool packages (src/McpOps.Cli/McpOps.Cli.csproj): the
/// McpOps.Cli pointer names one package per platform of the project's list, each ReadyToRun-compiled
/// for its platform, and McpOps.Cli.any, the portable build every other platform installs. Installing
/// McpOps.Cli from the release feed on this machine takes this machine's package, and it runs.
/// </summary>
[Collection(SharedReleasePackages.Name)]
public sealed class PlatformToolPackagesTests(ReleasePackages packages) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-tool-install");

    [Fact]
    public async Task The_pointer_names_a_package_for_each_platform_of_the_project_and_the_portable_one()
    {
        var settings = XDocument.Parse(packages.Cli.Read("tools/any/any/DotnetToolSettings.xml").TrimStart('\uFEFF'));
        var named = settings.Descendants("RuntimeIdentifierPackage")
            .ToDictionary(p => p.Attribute("RuntimeIdentifier")!.Value, p => p.Attribute("Id")!.Value, StringComparer.Ordinal);
        Assert.Equal("mcpops", settings.Descendants("Command").Single().Attribute("Name")!.Value);

        // The list release.yml checks the packed files against, as it reads it.
        var evaluated = await ProcessRunner.RunAsync(
            "dotnet",
            ["msbuild", ReleasePackages.CliProject, "-nologo", "-getProperty:RuntimeIdentifiers", .. (await ReleaseWorkflow.LoadAsync()).PackProperties(ReleasePackages.CliProject).Select(p => "-p:" + p)],
            RepositoryPaths.Root);
        var rids = evaluated.EnsureSuccess().StandardOutput.Trim().Split(';');

        Assert.Contains("any", rids);
        Assert.Equal(rids.Order(StringComparer.Ordinal), named.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(rids.Order(StringComparer.Ordinal), packages.CliPlatforms.Keys.Order(StringComparer.Ordinal));
        Assert.All(named, p => Assert.Equal("McpOps.Cli." + p.Key, p.Value));
        // No implementation in the pointer: `dotnet tool install` fetches the platform's package.
        Assert.DoesNotContain(packages.Cli.EntryNames, e => e.StartsWith("tools/net10.0/", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_platform_package_is_ReadyToRun_for_its_platform_and_the_portable_one_is_IL()
    {
        foreach (var (rid, package) in packages.CliPlatforms)
        {
            foreach (var assembly in new[] { "mcpops.dll", "YamlDotNet.dll", "System.CommandLine.dll" })
            {
                using var pe = new PEReader(new MemoryStream(package.ToolFile(rid, assembly)));
                var readyToRun = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
                Assert.True(readyToRun == (rid != "any"), $"{rid}/{assembly}: ReadyToRun {readyToRun}");
            }
        }
    }

    [Fact]
    public async Task Installing_from_the_release_feed_takes_this_platforms_package_and_it_runs()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var config = _temp.Combine("nuget.config");
        NuGetConfig.WriteOnly(config, ("release", packages.Feed));
        var tools = _temp.Combine("tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp.Combine("packages") };

        (await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "McpOps.Cli", "--version", ProductVersion.Value, "--tool-path", tools, "--configfile", config],
            _temp.Path,
            environment)).EnsureSuccess();
        var version = (await ProcessRunner.RunAsync(Path.Combine(tools, "mcpops"), ["--version"], _temp.Path, environment)).EnsureSuccess();

        Assert.Matches($"^{Regex.Escape(ProductVersion.Value)}(\\+[0-9a-f]{{40}})?$", version.StandardOutput.Trim());
        var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "mcpops.dll", SearchOption.AllDirectories).Single();
        Assert.Contains($"{Path.DirectorySeparatorChar}mcpops.cli.{rid}{Path.DirectorySeparatorChar}", installed, StringComparison.Ordinal);
        Assert.Equal(packages.CliPlatforms[rid].ToolFile(rid, "mcpops.dll"), File.ReadAllBytes(installed));
    }

    public void Dispose() => _temp.Dispose();
}
