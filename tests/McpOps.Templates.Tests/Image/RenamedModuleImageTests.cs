using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Image;

/// <summary>
/// A module renamed with `mcpops rename` still builds: its Dockerfile COPY lines, dockerignore
/// allow-list and the workspace lockfile all name the new folder, and the image is the same module
/// under its new name (same port, server name from the new name). Built on the stand-in bases alone: the
/// unrenamed module's image (<see cref="ModuleImage"/>) is not needed here.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class RenamedModuleImageTests(NodeImageBases image) : IClassFixture<NodeImageBases>
{
    [BuildahFact]
    public async Task A_renamed_module_builds_from_its_new_folder()
    {
        using var temp = new TempDirectory("mcpops-renamed-image");
        var root = temp.Combine("acme");
        foreach (var file in Directory.EnumerateFiles(image.Workspace.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(image.Workspace.Root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "dist" or ".git"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, relative))!);
            File.Copy(file, Path.Combine(root, relative));
        }

        (await Mcpops.RunAsync(root, "rename", ModuleImage.Module, "stock")).EnsureSuccess();
        Assert.False(Directory.Exists(Path.Combine(root, "modules", ModuleImage.Module)));

        const string Tag = "localhost/mcpops-test/stock-mcp:test";
        (await image.Buildah.BuildAsync(root, Path.Combine(root, "modules", "stock", "mcp", "Dockerfile"), Tag)).EnsureSuccess();

        var config = await image.Buildah.InspectAsync(Tag);
        Assert.Equal([$"{ModuleImage.Port}/tcp"], config.ExposedPorts);
        (await Mcpops.RunAsync(root, "sync", "--check")).EnsureSuccess();
    }
}
