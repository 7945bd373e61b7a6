namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>Locates the product repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SnapshotsRoot => Path.Combine(Root, "tests", "McpOps.Templates.Tests", "snapshots");

    public static string SharedMcpCore => Path.Combine(Root, "modules", "_shared", "mcp-core");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TemplatePack.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TemplatePack.csproj not found above " + AppContext.BaseDirectory);
    }
}
