using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// One version (Directory.Build.props VersionPrefix) reaches every place that carries it: both
/// packages, the workspace's tool manifest, the runtimes' metadata, the committed snapshots and
/// any package file name the docs mention. Every copy is read and compared; a failure lists them all.
/// </summary>
[Collection(SharedReleasePackages.Name)]
public sealed partial class OneVersionTests(ReleasePackages packages)
{
    private const string ToolManifest = "content/mcp-workspace/.config/dotnet-tools.json";
    private const string McpCorePackage = "content/mcp-workspace/modules/_shared/mcp-core/package.json";
    private const string McpCoreDotnetProject = "content/mcp-workspace/modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj";

    [GeneratedRegex(@"McpOps\.(?:Templates|Cli)\.(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg")]
    private static partial Regex PackageFileName();

    [Fact]
    public async Task Every_copy_of_the_version_agrees_with_Directory_Build_props()
    {
        var expected = ProductVersion.Value;
        var copies = new List<(string Place, string? Version)>
        {
            ("McpOps.Templates as MSBuild evaluates it", await EvaluatedVersionAsync(ReleasePackages.TemplatesProject)),
            ("McpOps.Cli as MSBuild evaluates it", await EvaluatedVersionAsync(ReleasePackages.CliProject)),
            ("McpOps.Templates .nuspec", packages.Templates.Get("version")),
            ("McpOps.Cli .nuspec", packages.Cli.Get("version")),
            ($"McpOps.Templates {ToolManifest}: McpOps.Cli", ToolVersion(packages.Templates.Read(ToolManifest))),
            ($"McpOps.Templates {McpCorePackage}", PackageJsonVersion(packages.Templates.Read(McpCorePackage))),
            ($"McpOps.Templates {McpCoreDotnetProject}", ProjectVersion(packages.Templates.Read(McpCoreDotnetProject))),
            // npm reads this copy in place (the root npm workspace); the pack stamps the shipped one.
            ("modules/_shared/mcp-core/package.json", PackageJsonVersion(File.ReadAllText(Path.Combine(RepositoryPaths.SharedMcpCore, "package.json")))),
        };

        foreach (var snapshot in Directory.GetFiles(RepositoryPaths.SnapshotsRoot, "dotnet-tools.json.verified", SearchOption.AllDirectories))
        {
            copies.Add((Path.GetRelativePath(RepositoryPaths.Root, snapshot), ToolVersion(File.ReadAllText(snapshot))));
        }

        foreach (var document in DocumentationFiles())
        {
            foreach (Match mention in PackageFileName().Matches(File.ReadAllText(document)))
            {
                copies.Add(($"{Path.GetRelativePath(RepositoryPaths.Root, document)}: {mention.Value}", mention.Groups["version"].Value));
            }
        }

        var disagreeing = copies.Where(c => c.Version != expected).ToList();
        Assert.True(
            disagreeing.Count == 0,
            $"Directory.Build.props sets version {expected}; these copies disagree:\n" +
            string.Join('\n', disagreeing.Select(c => $"  {c.Place}: {c.Version ?? "(none)"}")) +
            "\nSet the version only in Directory.Build.props (VersionPrefix). The pack stamps the shipped copies; " +
            "update modules/_shared/mcp-core/package.json by hand and accept the snapshots (MCPOPS_ACCEPT_SNAPSHOTS=1).");
    }

    [Fact]
    public void The_template_tool_manifest_holds_a_placeholder_not_a_second_copy_of_the_version()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "templates", "mcp-workspace", ".config", "dotnet-tools.json"));
        Assert.Equal("$(Version)", ToolVersion(source));
    }

    [Fact]
    public async Task A_pack_at_another_version_carries_it_into_every_stamped_file()
    {
        // Proves the copies are derived, not typed to match: the same sources packed at 9.8.7-test.
        using var work = new TempDirectory("mcpops-version");
        (await ReleasePackages.PackAsync(ReleasePackages.TemplatesProject, work.Combine("feed"), work.Combine("build"), "VersionPrefix=9.8.7", "VersionSuffix=test")).EnsureSuccess();

        var package = PackedPackage.Open(Directory.GetFiles(work.Combine("feed"), "*.nupkg").Single());

        Assert.Equal("McpOps.Templates.9.8.7-test.nupkg", Path.GetFileName(package.Path));
        Assert.Equal("9.8.7-test", package.Get("version"));
        Assert.Equal("9.8.7-test", ToolVersion(package.Read(ToolManifest)));
        Assert.Equal("9.8.7-test", PackageJsonVersion(package.Read(McpCorePackage)));
        Assert.Equal("9.8.7-test", ProjectVersion(package.Read(McpCoreDotnetProject)));
    }

    [Fact]
    public async Task A_tool_manifest_without_the_placeholder_fails_the_pack_and_names_the_fix()
    {
        using var work = new TempDirectory("mcpops-version");
        var manifest = work.Combine("dotnet-tools.json");
        File.WriteAllText(manifest, """{ "version": 1, "isRoot": true, "tools": { "mcpops.cli": { "version": "0.1.0", "commands": ["mcpops"] } } }""");

        var result = await ReleasePackages.PackAsync(ReleasePackages.TemplatesProject, work.Combine("feed"), work.Combine("build"), "ToolManifestSource=" + manifest);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no \"$(Version)\" placeholder for the McpOps.Cli version", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("feed")) && Directory.EnumerateFiles(work.Combine("feed"), "*.nupkg").Any(), "no package is written");
    }

    internal static async Task<string> EvaluatedVersionAsync(string project) =>
        (await ProcessRunner.RunAsync("dotnet", ["msbuild", project, "-getProperty:Version", "-nologo"], RepositoryPaths.Root)).EnsureSuccess().StandardOutput.Trim();

    private static string? ToolVersion(string manifest) =>
        (string?)JsonNode.Parse(manifest)?["tools"]?["mcpops.cli"]?["version"];

    private static string? PackageJsonVersion(string packageJson) => (string?)JsonNode.Parse(packageJson)?["version"];

    // The last <Version> wins in MSBuild, as the stamp relies on.
    private static string? ProjectVersion(string project) =>
        XDocument.Parse(project).Descendants("Version").LastOrDefault()?.Value;

    private static IEnumerable<string> DocumentationFiles()
    {
        yield return Path.Combine(RepositoryPaths.Root, "README.md");
        var docs = Path.Combine(RepositoryPaths.Root, "docs");
        if (Directory.Exists(docs))
        {
            foreach (var file in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories))
            {
                yield return file;
            }
        }
    }
}
