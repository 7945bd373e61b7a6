using System.Runtime.InteropServices;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// What nuget.org shows and what a consumer can verify, read from the packed .nuspec of both
/// packages (and of each of the tool's platform packages): licence expression, a short package readme
/// of its own, project and repository URLs with the commit (Source Link), tags; and that the CLI's
/// build is deterministic.
/// </summary>
[Collection(SharedReleasePackages.Name)]
public sealed class PackageMetadataTests(ReleasePackages packages)
{
    public static TheoryData<string> Packages => new() { "McpOps.Templates", "McpOps.Cli" };

    [Theory]
    [MemberData(nameof(Packages))]
    public async Task The_nuspec_has_complete_metadata(string id)
    {
        foreach (var package in PackagesOf(id))
        {
            await AssertCompleteMetadataAsync(id, package);
        }
    }

    private static async Task AssertCompleteMetadataAsync(string id, PackedPackage package)
    {
        // The tool's platform packages are <id>.<rid>.
        Assert.Matches($"^{Regex.Escape(id)}(\\.[a-z0-9-]+)?$", package.Get("id"));
        Assert.Equal(ProductVersion.Value, package.Get("version"));
        Assert.False(string.IsNullOrWhiteSpace(package.Get("description")));
        Assert.Equal("McpOps", package.Get("authors"));
        var license = package.Element("license")!;
        Assert.Equal("expression", license.Attribute("type")!.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Contains("mcp", package.Get("tags")!.Split(' '));

        var repository = package.Element("repository")!;
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.StartsWith("https://github.com/", repository.Attribute("url")!.Value, StringComparison.Ordinal);
        Assert.Equal(repository.Attribute("url")!.Value, package.Get("projectUrl"));
        var head = (await ProcessRunner.RunAsync("git", ["rev-parse", "HEAD"], RepositoryPaths.Root)).EnsureSuccess().StandardOutput.Trim();
        Assert.Equal(head, repository.Attribute("commit")?.Value);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_package_readme_is_its_own_short_page_not_the_repository_readme(string id)
    {
        foreach (var package in PackagesOf(id))
        {
            AssertOwnReadme(id, package);
        }
    }

    private static void AssertOwnReadme(string id, PackedPackage package)
    {
        Assert.Equal("README.md", package.Get("readme"));
        var readme = package.Read("README.md");
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "packages", id + ".md")), readme);
        Assert.NotEqual(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), readme);
        Assert.InRange(readme.Split('\n').Length, 10, 80);
        Assert.StartsWith($"# {id}", readme, StringComparison.Ordinal);
        // nuget.org cannot resolve links relative to the repository: every link is absolute, and
        // a link to GitHub is to the repository the package names (Directory.Build.props).
        Assert.DoesNotMatch(@"\]\((?!https://)[^)]*\)", readme);
        var repository = package.Element("repository")!.Attribute("url")!.Value;
        foreach (Match link in Regex.Matches(readme, @"https://github\.com/[^\s)]*"))
        {
            Assert.StartsWith(repository, link.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_cli_is_a_dotnet_tool_with_its_pdb_embedded_and_a_reproducible_build()
    {
        Assert.Equal("McpOps.Cli", packages.Cli.Get("id"));
        Assert.Equal("DotnetTool", PackageType(packages.Cli));
        Assert.NotEmpty(packages.CliPlatforms);
        foreach (var package in packages.CliPlatforms.Values)
        {
            Assert.Equal("DotnetToolRidPackage", PackageType(package));
        }

        // The portable build carries its PDB; a native executable's stack traces name methods without one.
        using var pe = new PEReader(new MemoryStream(packages.CliPlatforms["any"].ToolFile("any", "mcpops.dll")));
        var debug = pe.ReadDebugDirectory().Select(e => e.Type).ToList();
        Assert.Contains(DebugDirectoryEntryType.EmbeddedPortablePdb, debug);
        Assert.Contains(DebugDirectoryEntryType.Reproducible, debug);
    }

    /// <summary>
    /// The portable package packed again as release.yml packs it, into the same artifacts folder emptied
    /// first (only time could differ), holds the same mcpops.dll. A native executable's repeatability is
    /// proved where each is built, on its own platform: release.yml's pack-native packs twice and compares
    /// (asserted below); a second native compile here would cost minutes of every test run.
    /// </summary>
    [Fact]
    public async Task The_cli_packed_again_from_the_same_commit_is_the_same_binary_and_the_release_proves_it_for_each_native_one()
    {
        var first = packages.CliPlatforms["any"].ToolFile("any", "mcpops.dll");
        Directory.Delete(packages.Build, recursive: true);
        using var work = new TempDirectory("mcpops-deterministic");
        var workflow = await ReleaseWorkflow.LoadAsync();

        (await ReleasePackages.PackAsync(ReleasePackages.CliProject, work.Path, packages.Build, ["-r", "any"], workflow.PackProperties(ReleasePackages.CliProject))).EnsureSuccess();
        var again = PackedPackage.Open(Path.Combine(work.Path, $"McpOps.Cli.any.{ProductVersion.Value}.nupkg")).ToolFile("any", "mcpops.dll");

        Assert.True(first.AsSpan().SequenceEqual(again), $"mcpops.dll differs between two packs ({first.Length} and {again.Length} bytes)");
        var native = string.Join('\n', ReleaseWorkflow.Steps(workflow.Job("pack-native")).Select(ReleaseWorkflow.Run));
        Assert.Matches(@"cmp [^\n]*native/tools/any/\$RID/mcpops[^\n]*again/tools/any/\$RID/mcpops", native);
    }

    private IEnumerable<PackedPackage> PackagesOf(string id) =>
        id == "McpOps.Templates" ? [packages.Templates] : [packages.Cli, .. packages.CliPlatforms.Values];

    private static string? PackageType(PackedPackage package) =>
        package.Element("packageTypes")!.Elements().Single().Attribute("name")!.Value;

    [Theory]
    [InlineData("true", "true")]
    [InlineData("", "")]
    public async Task ContinuousIntegrationBuild_is_on_under_GitHub_Actions_only(string githubActions, string expected)
    {
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["msbuild", ReleasePackages.CliProject, "-nologo", "-getProperty:ContinuousIntegrationBuild", "-getProperty:Deterministic"],
            RepositoryPaths.Root,
            new Dictionary<string, string> { ["GITHUB_ACTIONS"] = githubActions });
        using var properties = System.Text.Json.JsonDocument.Parse(result.EnsureSuccess().StandardOutput);
        var values = properties.RootElement.GetProperty("Properties");

        Assert.Equal(expected, values.GetProperty("ContinuousIntegrationBuild").GetString());
        Assert.Equal("true", values.GetProperty("Deterministic").GetString());
    }
}
