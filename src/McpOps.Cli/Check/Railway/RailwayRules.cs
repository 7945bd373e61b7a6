using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Railway;

/// <summary>RAILWAY001 (a service with a healthcheck, in the project) and RAILWAY002 (deprecated Config as Code files).</summary>
internal sealed partial class RailwayRules : ICheckAnalyzer
{
    public const string Project = ".railway/railway.ts";

    public void Run(CheckContext context)
    {
        var project = context.Files.Read(Project);
        foreach (var module in context.Modules)
        {
            var service = module.Folder + "/railway.service.ts";
            var toml = module.Folder + "/railway.toml";
            var json = module.Folder + "/railway.json";
            foreach (var legacy in new[] { toml, json }.Where(context.Files.Exists))
            {
                var lines = context.Lines(legacy)!;
                context.Add(Rules.RailwayConfigAsCode, legacy, FirstSettingLine(lines),
                    $"{Path.GetFileName(legacy)} is Railway Config as Code: new services cannot opt in and existing files stop being read on 2026-12-01.");
            }

            if (context.Files.Read(service) is { } text)
            {
                var lines = context.Lines(service)!;
                if (!HealthcheckProperty().IsMatch(text))
                {
                    context.Add(Rules.RailwayService, service, lines.Find("service(", 1), "the service has no `healthcheck` path: Railway switches traffic to a deployment before it answers.");
                }

                var import = $"modules/{module.Name}/mcp/railway.service";
                if (project is null)
                {
                    context.Add(Rules.RailwayService, service, 1, $"{Project} is missing: this service is in no Railway project.");
                }
                else if (!project.Contains(import, StringComparison.Ordinal))
                {
                    var projectLines = context.Lines(Project)!;
                    context.Add(Rules.RailwayService, Project, projectLines.Find("mcpops:begin imports"), $"{service} is not imported: run `mcpops sync`.", module.Name);
                }
            }
            else if (context.Files.Read(toml) is { } tomlText)
            {
                if (!TomlHealthcheck().IsMatch(tomlText))
                {
                    context.Add(Rules.RailwayService, toml, context.Lines(toml)!.Find("[deploy]", FirstSettingLine(context.Lines(toml)!)), "no `healthcheckPath` in [deploy].");
                }
            }
            else if (!context.Files.Exists(json) && context.ShipsContainer(module))
            {
                context.Add(Rules.RailwayService, module.Manifest, 1, $"{module.Folder} has no Railway service definition (railway.service.ts).");
            }
        }
    }

    /// <summary>The first line that is neither blank nor a comment: where an inline suppression can go right above.</summary>
    private static int FirstSettingLine(TextLines lines)
    {
        for (var i = 1; i <= lines.Count; i++)
        {
            var line = lines.Line(i).Trim();
            if (line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 1;
    }

    [GeneratedRegex(@"^\s*healthcheck\s*:\s*[""'`]/", RegexOptions.Multiline)]
    private static partial Regex HealthcheckProperty();

    [GeneratedRegex(@"^\s*healthcheckPath\s*=\s*[""']/", RegexOptions.Multiline)]
    private static partial Regex TomlHealthcheck();
}
