using System.Text.Json.Nodes;
using System.Xml.Linq;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.EndToEnd;

/// <summary>
/// mcpops as users get it: packed as a .NET tool, restored into a generated workspace from its
/// .config/dotnet-tools.json (from a local package source), and run as a real process.
/// </summary>
[Collection(SharedTemplatePack.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DotnetToolTests(TemplatePack pack) : IDisposable
{
    private static readonly string CliProject = Path.Combine(RepositoryPaths.Root, "src", "McpOps.Cli", "McpOps.Cli.csproj");
    private readonly TempDirectory _temp = new("mcpops-tool");

    [Fact]
    public async Task The_workspace_tool_manifest_pins_this_tool_and_version()
    {
        var (id, version) = PackageIdentity();
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")))!;
        var tool = manifest["tools"]![id.ToLowerInvariant()];
        Assert.NotNull(tool);
        Assert.Equal(version, (string)tool!["version"]!);
        Assert.Equal(["mcpops"], tool["commands"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Dotnet_tool_restore_brings_in_mcpops_which_adds_and_checks_modules()
    {
        var feed = _temp.Combine("feed");
        (await ProcessRunner.RunAsync("dotnet", ["pack", CliProject, "-c", "Release", "-o", feed, "--nologo"], RepositoryPaths.Root)).EnsureSuccess();
        var (id, version) = PackageIdentity();
        Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")));

        // Only the local feed, and a private package folder: the test never sees a stale or foreign McpOps.Cli.
        var config = _temp.Combine("nuget.config");
        NuGetConfig.WriteOnly(config, ("local", feed));
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _temp.Combine("packages"),
            // The tool resolver cache lives under the CLI home: a shared one would remember the
            // package folder of an earlier run (deleted since) and `dotnet mcpops` would not start.
            ["DOTNET_CLI_HOME"] = _temp.Combine("cli-home"),
            ["MCPOPS_TEMPLATE_HIVE"] = pack.HivePath,
        };
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        Task<ProcessResult> Dotnet(params string[] args) => ProcessRunner.RunAsync("dotnet", args, root, environment);

        (await Dotnet("tool", "restore", "--configfile", config)).EnsureSuccess();

        var versionOutput = (await Dotnet("mcpops", "--version")).EnsureSuccess();
        Assert.StartsWith(version, versionOutput.StandardOutput.Trim());
        var add = (await Dotnet("mcpops", "add", "billing", "--port", "8081")).EnsureSuccess();
        Assert.Contains("updated tsconfig.json", add.StandardOutput);
        Assert.Equal(0, (await Dotnet("mcpops", "sync", "--check")).ExitCode);

        File.WriteAllText(Path.Combine(root, "tsconfig.json"), File.ReadAllText(Path.Combine(root, "tsconfig.json")).Replace("./modules/billing/mcp", "./modules/gone/mcp"));
        var drift = await Dotnet("mcpops", "sync", "--check");
        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("+    { \"path\": \"./modules/billing/mcp\" },", drift.StandardOutput);
        Assert.Equal(2, (await Dotnet("mcpops", "sync", "--no-such-option")).ExitCode);
    }

    public void Dispose() => _temp.Dispose();

    // The version is not in the project: Directory.Build.props sets it once for both packages.
    private static (string Id, string Version) PackageIdentity() =>
        (XDocument.Load(CliProject).Descendants("PackageId").Single().Value, ProductVersion.Value);
}
