using System.Globalization;
using System.Text;
using McpOps.Cli.Flavours;
using McpOps.Cli.Modules;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// One module of the workspace, modules/&lt;name&gt;/mcp, as read from its files: what every command and
/// block template knows about it. <see cref="Manifest"/> is package.json for TypeScript, the server
/// project for C#; <see cref="PackageName"/> is the npm package or the server project's name (Billing.Mcp);
/// <see cref="SolutionProjects"/> are the projects the workspace solution lists (none for TypeScript);
/// <see cref="Targets"/> where it runs, and <see cref="Edge"/> its Supabase Edge Function when one of them is edge.
/// </summary>
internal sealed record ModuleInfo(
    string Name,
    IModuleFlavour Flavour,
    string Manifest,
    string PackageName,
    string Description,
    int? Port,
    RailwayConfig Railway,
    bool HasComposeFragment,
    bool HasKubernetesOverlay,
    IReadOnlyList<string> SolutionProjects,
    IReadOnlyList<ModuleTarget> Targets,
    EdgeFunction? Edge)
{
    public string Folder => $"modules/{Name}/mcp";

    public ModuleNames Names => new(Name);

    public string RailwayServicePath => Folder + "/railway.service.ts";

    public string ComposeFragmentPath => Folder + "/deploy/compose.yaml";

    public string KubernetesOverlayPath => Folder + "/deploy/k8s/kustomization.yaml";

    /// <summary>The identifier .railway/railway.ts imports the service as: crm-sync → crmSync.</summary>
    public string CamelName => ToCamelCase(Name);

    public bool IsEdge => Edge is not null;

    /// <summary>The bundle that is deployed as the function, modules/&lt;name&gt;/mcp/dist/edge/index.js.</summary>
    public string EdgeBundlePath => Folder + "/" + EdgeFunction.BundlePath;

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
