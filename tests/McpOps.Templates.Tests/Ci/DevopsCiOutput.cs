using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>The files `dotnet new devops-ci` writes for one set of options, in a fresh folder.</summary>
public sealed class DevopsCiOutput : IDisposable
{
    private readonly TempDirectory _temp;

    private DevopsCiOutput(TempDirectory temp) => _temp = temp;

    public string Root => _temp.Path;

    public static async Task<DevopsCiOutput> GenerateAsync(TemplatePack pack, params string[] options)
    {
        var temp = new TempDirectory("mcpops-ci");
        await GeneratedTreeCache.CopyAsync(
            string.Join('\0', ["devops-ci", .. options]),
            async folder => (await pack.NewAsync(folder, ["devops-ci", .. options])).EnsureSuccess(),
            temp.Path);
        return new DevopsCiOutput(temp);
    }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string Read(string relative) => File.ReadAllText(Path(relative));

    /// <summary>Workflow files relative to the root, e.g. ".github/workflows/ci.yml".</summary>
    public IReadOnlyList<string> Workflows =>
        [.. Directory.GetFiles(Path(".github/workflows"), "*.yml")
            .Select(file => System.IO.Path.GetRelativePath(Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ShellScripts =>
        [.. Directory.EnumerateFiles(Root, "*.sh", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public void Dispose() => _temp.Dispose();
}
