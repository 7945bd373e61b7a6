using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Upgrade;

/// <summary>
/// Two real McpOps.Templates packages in one folder: this repository's templates packed at an older
/// version with deliberate differences (an older Node pin in the module Dockerfile, an older line in
/// the module README, an extra line in mcp-core's README), and packed as they are at this mcpops's
/// version. The older one is also installed into a hive, to make a workspace "with the older pack".
/// </summary>
public sealed class OlderPacks : IAsyncLifetime, IDisposable
{
    public const string OldVersion = "0.0.9";
    public const string OldNodePin = "ARG NODE_VERSION=22.20.0";
    public const string OldReadmeLine = "An MCP server module (made with McpOps 0.0.9).";
    public const string OldCoreReadmeLine = "This line is only in McpOps 0.0.9.";

    private readonly TempDirectory _work = new("mcpops-upgrade-packs");

    public string Folder => _work.Combine("packs");

    public string OldHive => _work.Combine("hive-old");

    public static string NewVersion => UpgradeCommand.CurrentVersion;

    public async Task InitializeAsync()
    {
        var old = _work.Combine("src-old");
        foreach (var path in new[] { "TemplatePack.csproj", "Directory.Build.props", "Directory.Packages.props", "global.json", "docs/packages/McpOps.Templates.md" })
        {
            Copy(Path.Combine(RepositoryPaths.Root, path), Path.Combine(old, path));
        }

        foreach (var folder in new[] { "templates", "modules/_template", "modules/_shared" })
        {
            CopyTree(Path.Combine(RepositoryPaths.Root, folder), Path.Combine(old, folder));
        }

        Patch(Path.Combine(old, "modules/_template/mcp/Dockerfile"), text => System.Text.RegularExpressions.Regex.Replace(text, @"ARG NODE_VERSION=\S+", OldNodePin));
        Patch(Path.Combine(old, "modules/_template/common/README.md"), text => text.Replace("An MCP server module.\n", OldReadmeLine + "\n", StringComparison.Ordinal));
        Patch(Path.Combine(old, "modules/_shared/mcp-core/README.md"), text => text + "\n" + OldCoreReadmeLine + "\n");

        (await ProcessRunner.RunAsync("dotnet", ["pack", Path.Combine(old, "TemplatePack.csproj"), "-o", Folder, "--nologo", "-p:VersionPrefix=" + OldVersion], old, timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        (await ProcessRunner.RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "TemplatePack.csproj"), "-o", Folder, "--nologo"], RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        (await ProcessRunner.RunAsync("dotnet", ["new", "install", Path.Combine(Folder, $"McpOps.Templates.{OldVersion}.nupkg"), "--debug:custom-hive", OldHive], _work.Path)).EnsureSuccess();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _work.Dispose();

    private static void Patch(string path, Func<string, string> patch)
    {
        var before = File.ReadAllText(path);
        var after = patch(before);
        if (after == before)
        {
            throw new InvalidOperationException($"{path}: the deliberate difference of the older pack no longer applies; update {nameof(OlderPacks)}.");
        }

        File.WriteAllText(path, after);
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "node_modules" or "bin" or "obj" or "dist"))
            {
                continue;
            }

            Copy(file, Path.Combine(to, relative));
        }
    }
}
