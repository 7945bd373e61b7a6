using System.Xml.Linq;

namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// The one version of McpOps, as Directory.Build.props sets it (VersionPrefix, plus VersionSuffix
/// when present): what both packages, the workspace's tool manifest and the runtimes carry.
/// Release/OneVersionTests proves MSBuild evaluates the packages to the same value.
/// </summary>
public static class ProductVersion
{
    public static string PropsFile => Path.Combine(RepositoryPaths.Root, "Directory.Build.props");

    public static string Value { get; } = Read();

    private static string Read()
    {
        var props = XDocument.Load(PropsFile);
        var prefix = props.Descendants("VersionPrefix").Select(e => e.Value.Trim()).SingleOrDefault()
            ?? throw new InvalidOperationException($"{PropsFile} sets no VersionPrefix: the one version of McpOps lives there.");
        var suffix = props.Descendants("VersionSuffix").Select(e => e.Value.Trim()).SingleOrDefault();
        return string.IsNullOrEmpty(suffix) ? prefix : $"{prefix}-{suffix}";
    }
}
