using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// modules/&lt;name&gt;/mcp/mcpops.module.json: the facts about a module that its source code should not be
/// scraped for, written by the mcp-module template (and kept by `mcpops rename`):
/// <c>{ "name": "billing", "flavour": "typescript", "port": 8080 }</c>. Modules generated before it
/// existed have none: then the flavour is detected and the port read from the source (see the flavours).
/// </summary>
internal sealed record ModuleMetadata(string? Name, string? Flavour, int? Port)
{
    public const string FileName = "mcpops.module.json";

    /// <summary>The metadata of the module in <paramref name="folder"/>, null when it has none; malformed is an error.</summary>
    public static ModuleMetadata? Read(IWorkspaceFiles files, string folder)
    {
        var path = folder + "/" + FileName;
        var text = files.Read(path);
        if (text is null)
        {
            return null;
        }

        var json = JsonFiles.ParseObject(path, text);
        int? port = null;
        if (json["port"] is JsonValue value)
        {
            if (!value.TryGetValue<int>(out var number) || number is < 1 or > 65535)
            {
                throw new WorkspaceException($"{path}: \"port\" must be a number between 1 and 65535 (got {value.ToJsonString()}).");
            }

            port = number;
        }

        var flavour = JsonFiles.GetString(json, "flavour");
        if (flavour is not null && ModuleFlavours.Parse(flavour) is null)
        {
            throw new WorkspaceException($"{path}: unknown \"flavour\" '{flavour}' (known: {string.Join(", ", ModuleFlavours.All.Select(f => f.Id))}).");
        }

        return new ModuleMetadata(JsonFiles.GetString(json, "name"), flavour, port);
    }

    /// <summary>The flavour the metadata names, or null (no file, no such key, or unreadable: detection decides).</summary>
    public static IModuleFlavour? DeclaredFlavour(IWorkspaceFiles files, string folder)
    {
        try
        {
            return Read(files, folder)?.Flavour is { } id ? ModuleFlavours.Parse(id) : null;
        }
        catch (WorkspaceException)
        {
            return null;
        }
    }
}
