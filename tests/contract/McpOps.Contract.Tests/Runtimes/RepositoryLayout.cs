using System.Reflection;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>Paths baked in at build time (see the csproj): the repository and the C# contract host.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    public static string DotnetHost { get; } = Path.GetFullPath(Metadata("DotnetHost"));

    private static string Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
