namespace McpOps.Cli.Workspaces;

/// <summary>
/// The language a module is written in, told from its files: TypeScript when modules/&lt;name&gt;/mcp
/// has a package.json, C# when it has none and has a project file src/&lt;Project&gt;/&lt;Project&gt;.csproj.
/// </summary>
internal enum ModuleLanguage
{
    TypeScript,
    CSharp,
}

internal static class ModuleLanguages
{
    /// <summary>The name `dotnet new --language` and the CLI use: TypeScript or C#.</summary>
    public static string DisplayName(this ModuleLanguage language) => language switch
    {
        ModuleLanguage.CSharp => "C#",
        _ => "TypeScript",
    };

    /// <summary>TypeScript, typescript, ts; C#, c#, csharp, cs. Null for anything else.</summary>
    public static ModuleLanguage? Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TYPESCRIPT" or "TS" => ModuleLanguage.TypeScript,
        "C#" or "CSHARP" or "CS" => ModuleLanguage.CSharp,
        _ => null,
    };
}
