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
internal sealed record ModuleMetadata(string? Name, string? Flavour, int? Port, IReadOnlyList<ModuleTarget> Targets, EdgeFunction? Edge)
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

        var name = JsonFiles.GetString(json, "name");
        var targets = ReadTargets(path, json);
        var edge = ReadEdge(path, json, name ?? folder.Split('/')[^2], targets);
        if (targets.Contains(ModuleTarget.Edge) && flavour is not null && ModuleFlavours.Parse(flavour) != ModuleFlavours.TypeScript)
        {
            throw new WorkspaceException($"{path}: the \"edge\" target needs a TypeScript module (this one is {flavour}): Supabase Edge Functions run TypeScript/JavaScript under Deno. Remove \"edge\" from \"targets\".");
        }

        return new ModuleMetadata(name, flavour, port, targets, edge);
    }

    private static IReadOnlyList<ModuleTarget> ReadTargets(string path, JsonObject json)
    {
        if (!json.ContainsKey("targets"))
        {
            return ModuleTargets.Default;
        }

        const string Expected = "\"targets\" must be a non-empty array of \"container\" and/or \"edge\", e.g. [\"container\", \"edge\"]";
        if (json["targets"] is not JsonArray array || array.Count == 0)
        {
            throw new WorkspaceException($"{path}: {Expected} (got {json["targets"]?.ToJsonString() ?? "null"}).");
        }

        var targets = new List<ModuleTarget>();
        foreach (var item in array)
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var text) || ModuleTargets.Parse(text) is not { } target)
            {
                throw new WorkspaceException($"{path}: {Expected} (got {item?.ToJsonString() ?? "null"}).");
            }

            if (targets.Contains(target))
            {
                throw new WorkspaceException($"{path}: \"targets\" names \"{text}\" twice.");
            }

            targets.Add(target);
        }

        return targets;
    }

    private static EdgeFunction? ReadEdge(string path, JsonObject json, string moduleName, IReadOnlyList<ModuleTarget> targets)
    {
        var node = json["edge"];
        if (node is null)
        {
            return targets.Contains(ModuleTarget.Edge) ? new EdgeFunction(moduleName, VerifyJwt: null) : null;
        }

        if (!targets.Contains(ModuleTarget.Edge))
        {
            throw new WorkspaceException($"{path}: has \"edge\" settings but \"targets\" does not list \"edge\": add it (`mcpops edge enable`) or remove the \"edge\" object.");
        }

        if (node is not JsonObject edge)
        {
            throw new WorkspaceException($"{path}: \"edge\" must be an object like {{ \"function\": \"{moduleName}\", \"verifyJwt\": false }}.");
        }

        var function = moduleName;
        if (edge["function"] is { } functionNode)
        {
            if (functionNode is not JsonValue functionValue || !functionValue.TryGetValue<string>(out var text) || !FunctionNameShape.IsMatch(text))
            {
                throw new WorkspaceException($"{path}: \"edge.function\" must be a Supabase function name (a letter, then letters, digits, '-' or '_'), normally the module name \"{moduleName}\" (got {functionNode.ToJsonString()}).");
            }

            function = text;
        }

        bool? verifyJwt = null;
        if (edge["verifyJwt"] is { } verifyNode)
        {
            if (verifyNode is not JsonValue verifyValue || !verifyValue.TryGetValue<bool>(out var flag))
            {
                throw new WorkspaceException($"{path}: \"edge.verifyJwt\" must be true or false (got {verifyNode.ToJsonString()}).");
            }

            verifyJwt = flag;
        }

        return new EdgeFunction(function, verifyJwt);
    }

    /// <summary>Supabase's rule for a function slug (supabase/cli pkg/config: ^[A-Za-z][A-Za-z0-9_-]*$).</summary>
    private static readonly System.Text.RegularExpressions.Regex FunctionNameShape = new("^[A-Za-z][A-Za-z0-9_-]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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
