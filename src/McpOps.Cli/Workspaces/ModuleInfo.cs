using System.Globalization;
using System.Text;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// One module of the workspace, modules/&lt;name&gt;/mcp, as read from its files. For a C# module,
/// <see cref="PackageName"/> is the server project's name (e.g. Billing.Mcp) and <see cref="CSharp"/>
/// lists its projects; a TypeScript module has <see cref="CSharp"/> null.
/// </summary>
internal sealed record ModuleInfo(
    string Name,
    string PackageName,
    string Description,
    int? Port,
    RailwayConfig Railway,
    bool HasComposeFragment,
    bool HasKubernetesOverlay,
    ModuleLanguage Language = ModuleLanguage.TypeScript,
    CSharpProjects? CSharp = null)
{
    public string Folder => $"modules/{Name}/mcp";

    public string PackageJsonPath => Folder + "/package.json";

    public string TsconfigPath => Folder + "/tsconfig.json";

    public string RailwayServicePath => Folder + "/railway.service.ts";

    public string ComposeFragmentPath => Folder + "/deploy/compose.yaml";

    public string KubernetesOverlayPath => Folder + "/deploy/k8s/kustomization.yaml";

    /// <summary>The identifier .railway/railway.ts imports the service as: crm-sync → crmSync.</summary>
    public string CamelName => ToCamelCase(Name);

    public string PortText => Port?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string ToCamelCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '-')
            {
                upper = builder.Length > 0;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        // An identifier cannot start with a digit; ModuleName refuses such names, but sync may meet one.
        return builder.Length > 0 && char.IsAsciiDigit(builder[0]) ? "m" + builder : builder.ToString();
    }
}
