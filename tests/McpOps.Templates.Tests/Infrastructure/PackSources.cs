namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// A copy of what `dotnet pack TemplatePack.csproj` reads (the project, the build props, eng/ with the pins
/// manifest and the stamping task, the templates and modules/_template, modules/_shared without build
/// output), to pack with deliberate changes: an older pack for the upgrade tests, another manifest for the
/// pins tests.
/// </summary>
public sealed class PackSources
{
    private static readonly string[] Files = ["TemplatePack.csproj", "Directory.Build.props", "Directory.Packages.props", "global.json", "docs/packages/McpOps.Templates.md"];
    private static readonly string[] Folders = ["eng", "templates", "modules/_template", "modules/_shared"];

    private PackSources(string root) => Root = root;

    public string Root { get; }

    public static PackSources CopyTo(string root)
    {
        foreach (var path in Files)
        {
            Copy(Path.Combine(RepositoryPaths.Root, path), Path.Combine(root, path));
        }

        foreach (var folder in Folders)
        {
            var from = Path.Combine(RepositoryPaths.Root, folder);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file).Replace('\\', '/');
                if (!relative.Split('/').Any(part => part is "node_modules" or "bin" or "obj" or "dist"))
                {
                    Copy(file, Path.Combine(root, folder, relative));
                }
            }
        }

        return new PackSources(root);
    }

    /// <summary>Changes one file of the copy; a patch that changes nothing fails, so a stale test cannot pass silently.</summary>
    public void Patch(string path, Func<string, string> patch, string why)
    {
        var full = Path.Combine(Root, path);
        var before = File.ReadAllText(full);
        var after = patch(before);
        if (after == before)
        {
            throw new InvalidOperationException($"{path}: {why} no longer applies; update the test.");
        }

        File.WriteAllText(full, after);
    }

    /// <summary>Packs the copy into <paramref name="output"/> (at <paramref name="version"/>, or the repository's) and returns the package.</summary>
    public async Task<string> PackAsync(string output, string? version = null)
    {
        string[] arguments = ["pack", Path.Combine(Root, "TemplatePack.csproj"), "-o", output, "--nologo", .. version is null ? Array.Empty<string>() : ["-p:VersionPrefix=" + version]];
        var before = Directory.Exists(output) ? Directory.GetFiles(output, "*.nupkg") : [];
        (await ProcessRunner.RunAsync("dotnet", arguments, Root, timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        return Directory.GetFiles(output, "McpOps.Templates.*.nupkg").Except(before).Single();
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
    }
}
