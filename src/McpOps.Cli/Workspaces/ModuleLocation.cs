using McpOps.Cli.Flavours;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// A module as discovery finds it, before anything is parsed: its folder name, its flavour (null when
/// no flavour recognises the files) and its manifest, the file a finding about the module as a whole
/// points at (package.json, the server .csproj, else the Dockerfile).
/// </summary>
internal sealed record ModuleLocation(string Name, IModuleFlavour? Flavour, string Manifest)
{
    public string Folder => $"modules/{Name}/mcp";

    public string Dockerfile => Folder + "/Dockerfile";

    public string MetadataPath => Folder + "/" + ModuleMetadata.FileName;
}
