namespace McpOps.Cli.Flavours;

/// <summary>The flavours mcpops knows, in detection order.</summary>
internal static class ModuleFlavours
{
    public static readonly IModuleFlavour TypeScript = new TypeScriptFlavour();

    public static readonly IModuleFlavour CSharp = new CSharpFlavour();

    public static IReadOnlyList<IModuleFlavour> All { get; } = [TypeScript, CSharp];

    /// <summary>The default of `mcpops add` and of `dotnet new mcp-module` (the C# template has lower precedence).</summary>
    public static IModuleFlavour Default => TypeScript;

    /// <summary>A flavour from `--language` (TypeScript, ts, C#, csharp, cs...) or an mcpops.module.json id; null if unknown.</summary>
    public static IModuleFlavour? Parse(string text)
    {
        var key = text.Trim();
        return All.FirstOrDefault(f =>
            string.Equals(f.DisplayName, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(f.Id, key, StringComparison.OrdinalIgnoreCase)
            || f.Aliases.Contains(key.ToUpperInvariant()));
    }

    public static string Names => string.Join(" or ", All.Select(f => f.DisplayName));
}
