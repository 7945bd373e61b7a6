using System.IO.Compression;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Pack;

/// <summary>
/// Files both flavours of mcp-module ship unchanged have one copy, modules/_template/common,
/// which the pack places into each flavour; no byte-identical twin is left in the flavours.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class SharedTemplateFilesTests(TemplatePack pack)
{
    private static readonly string Templates = Path.Combine(RepositoryPaths.Root, "modules", "_template");
    private static readonly string[] Flavours = ["content/mcp-module/modules/mcp-module-name/mcp/", "content/mcp-module-csharp/modules/mcp-module-name/mcp/"];

    [Fact]
    public void No_file_is_kept_twice_in_the_two_flavours()
    {
        var typeScript = Path.Combine(Templates, "mcp");
        var cSharp = Path.Combine(Templates, "mcp-csharp");
        var twins = Directory.EnumerateFiles(typeScript, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(typeScript, file))
            .Where(relative => !relative.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "dist" or "bin" or "obj"))
            .Where(relative => File.Exists(Path.Combine(cSharp, relative)) &&
                File.ReadAllBytes(Path.Combine(typeScript, relative)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(cSharp, relative))))
            .ToList();

        Assert.True(twins.Count == 0, "identical in mcp/ and mcp-csharp/, move to modules/_template/common/: " + string.Join(", ", twins));
    }

    [Fact]
    public void Every_common_file_ships_unchanged_in_both_flavours_and_neither_flavour_overrides_it()
    {
        var common = Path.Combine(Templates, "common");
        var files = Directory.EnumerateFiles(common, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(common, file).Replace('\\', '/'))
            .ToList();
        Assert.NotEmpty(files);

        using var zip = ZipFile.OpenRead(pack.PackagePath);
        foreach (var file in files)
        {
            Assert.False(File.Exists(Path.Combine(Templates, "mcp", file)), $"mcp/{file} would shadow common/{file}");
            Assert.False(File.Exists(Path.Combine(Templates, "mcp-csharp", file)), $"mcp-csharp/{file} would shadow common/{file}");
            foreach (var flavour in Flavours)
            {
                var entry = zip.GetEntry(flavour + file);
                Assert.True(entry is not null, $"{flavour}{file} is not in the pack");
                using var reader = new StreamReader(entry!.Open());
                Assert.Equal(File.ReadAllText(Path.Combine(common, file)), reader.ReadToEnd());
            }
        }
    }
}
