namespace McpOps.Cli.Check;

/// <summary>The language of a module: TypeScript has package.json; C# has src/*/*.csproj and no package.json.</summary>
internal enum ModuleLanguage
{
    Unknown,
    TypeScript,
    CSharp,
}

/// <summary>One module, modules/&lt;name&gt;/mcp, as check sees it (no file needs to parse to be listed).</summary>
internal sealed record CheckModule(string Name, ModuleLanguage Language, string? ProjectFile)
{
    public string Folder => $"modules/{Name}/mcp";

    public string Dockerfile => Folder + "/Dockerfile";

    /// <summary>The file a finding about the module as a whole points at: package.json, the .csproj, or the Dockerfile.</summary>
    public string Manifest => Language switch
    {
        ModuleLanguage.TypeScript => Folder + "/package.json",
        ModuleLanguage.CSharp => ProjectFile!,
        _ => Folder + "/Dockerfile",
    };

    public static IReadOnlyList<CheckModule> Discover(CheckFiles files)
    {
        var modules = new List<CheckModule>();
        foreach (var name in files.Folders("modules").Order(StringComparer.Ordinal))
        {
            var folder = $"modules/{name}/mcp";
            if (name.StartsWith('_') || name.StartsWith('.') || !files.Under(folder).Any())
            {
                continue;
            }

            if (files.Exists(folder + "/package.json"))
            {
                modules.Add(new CheckModule(name, ModuleLanguage.TypeScript, null));
                continue;
            }

            var project = files.Under(folder + "/src")
                .FirstOrDefault(p => p.EndsWith(".csproj", StringComparison.Ordinal) && p.Count(c => c == '/') == folder.Count(c => c == '/') + 3);
            modules.Add(new CheckModule(name, project is null ? ModuleLanguage.Unknown : ModuleLanguage.CSharp, project));
        }

        return modules;
    }
}
