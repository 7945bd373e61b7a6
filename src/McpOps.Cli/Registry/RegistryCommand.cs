using System.CommandLine;
using System.Xml.Linq;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Registry;

/// <summary>
/// `mcpops registry add &lt;module&gt;`: makes a module public in the MCP Registry by writing its
/// server.json. The file is the mark: devops-ci's mcp-registry workflow publishes every server.json that
/// changes on main, and a module without one (the default) is never published; deleting the file makes
/// the module private again.
/// </summary>
internal static class RegistryCommand
{
    /// <summary>The workflow `dotnet new devops-ci --mcp-registry` writes; it publishes changed server.json files from main.</summary>
    private const string PublishWorkflow = ".github/workflows/mcp-registry.yml";

    public static Command Create(CliContext context)
    {
        var registry = new Command("registry", "Make a module public in the MCP Registry: write modules/<name>/mcp/server.json (official schema 2025-12-11). Modules are private until then; delete the file to make one private again. devops-ci --mcp-registry publishes changed entries from main through GitHub OIDC.");
        registry.Subcommands.Add(Add(context));
        return registry;
    }

    private static Command Add(CliContext context)
    {
        var module = new Argument<string>("module") { Description = "The module to make public." };
        var name = new Option<string>("--name") { Description = "The registry name, io.github.<owner>/<server> (publishable by a workflow of <owner>'s repositories).", Required = true };
        var url = new Option<string>("--url") { Description = "The module's public Streamable HTTP endpoint, https://<public host>/mcp.", Required = true };
        var sseUrl = new Option<string?>("--sse-url") { Description = "Also list the legacy HTTP+SSE endpoint, https://<public host>/sse." };
        var repository = new Option<string?>("--repository") { Description = "The GitHub repository, https://github.com/<owner>/<repo> (listed with the module's folder)." };
        var description = new Option<string?>("--description") { Description = "At most 100 characters. Default: the module's description." };
        var version = new Option<string?>("--version") { Description = "The version to publish. Default: the module's version (package.json, or <Version> of a C# server project)." };
        var command = new Command("add", "Write (or rewrite) a module's server.json: its public remote URL(s) and the Authorization header clients must send (a secret they supply; no value is written).")
        {
            module, name, url, sseUrl, repository, description, version,
        };
        command.SetAction(parse =>
        {
            var session = WorkspaceSession.Open(context);
            var info = Find(Workspace.Read(session.Tree), parse.GetValue(module)!);
            var entry = new RegistryEntry(
                parse.GetValue(name)!,
                parse.GetValue(url)!,
                parse.GetValue(sseUrl),
                parse.GetValue(version) ?? ModuleVersion(session.Tree, info),
                parse.GetValue(description),
                parse.GetValue(repository));
            var path = ServerJson.PathOf(info);
            session.Tree.Write(path, ServerJson.Render(info, entry));
            foreach (var written in session.Commit())
            {
                context.Output.WriteLine($"updated {written}");
            }

            var publisher = session.Tree.FileExists(PublishWorkflow)
                ? $"merge {path} to main and {PublishWorkflow} publishes it as {entry.Name} {entry.Version}"
                : $"nothing publishes it yet: this workspace has no {PublishWorkflow} (`dotnet new devops-ci --mcp-registry` adds it; merged to main, it publishes {path} as {entry.Name} {entry.Version})";
            context.Error.WriteLine($"{info.Name} is public: {publisher}. Registry versions are immutable: publish a change with a new --version.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ModuleInfo Find(Workspace workspace, string module) =>
        workspace.Modules.FirstOrDefault(m => m.Name == module)
        ?? throw new WorkspaceException($"no module '{module}' in this workspace; modules: {string.Join(", ", workspace.Modules.Select(m => m.Name).DefaultIfEmpty("none"))}.");

    private static string ModuleVersion(FileTree tree, ModuleInfo module) =>
        module.Flavour.ManifestVersion(tree, module)
        ?? throw new WorkspaceException($"{module.Manifest} declares no version: pass --version <x.y.z>.");
}
