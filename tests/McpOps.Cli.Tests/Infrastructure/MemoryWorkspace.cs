using McpOps.Cli.FileSystem;

namespace McpOps.Cli.Tests.Infrastructure;

/// <summary>A minimal workspace in memory, shaped like the generated one, for tests that need no disk.</summary>
internal static class MemoryWorkspace
{
    public const string Tsconfig = """
        {
          "files": [],
          "references": [
            { "path": "./modules/_shared/mcp-core" },
            // mcpops:begin references
            // mcpops:end references
          ]
        }

        """;

    public const string Railway = """
        import { defineRailway, project } from "railway/iac";
        // mcpops:begin imports
        // mcpops:end imports

        export default defineRailway((ctx) => {
          return project("acme", {
            resources: [
              // mcpops:begin services
              // mcpops:end services
            ],
          });
        });

        """;

    public const string Readme = """
        # acme

        <!-- mcpops:begin modules -->
        <!-- mcpops:end modules -->

        """;

    public const string SupabaseConfig = """
        project_id = "acme"

        [api]
        port = 54321

        # mcpops:begin functions
        # mcpops:end functions

        """;

    public static InMemoryFileSource Create(params string[] modules)
    {
        var source = new InMemoryFileSource
        {
            ["package.json"] = """{ "name": "acme", "private": true, "workspaces": ["modules/_shared/*", "modules/*/mcp"] }""" + "\n",
            ["tsconfig.json"] = Tsconfig,
            [".railway/railway.ts"] = Railway,
            ["README.md"] = Readme,
            ["modules/_shared/mcp-core/package.json"] = """{ "name": "@acme/mcp-core", "version": "0.1.0" }""" + "\n",
        };
        foreach (var module in modules)
        {
            AddModule(source, module);
        }

        return source;
    }

    public static void AddModule(InMemoryFileSource source, string name, int port = 8080, bool railwayToml = false)
    {
        var folder = $"modules/{name}/mcp";
        source[folder + "/package.json"] = $$"""
            {
              "name": "@acme/{{name}}-mcp",
              "version": "0.1.0",
              "description": "The {{name}} module.",
              "dependencies": {
                "@acme/mcp-core": "*",
                "zod": "^4.6.7"
              }
            }

            """;
        source[folder + "/tsconfig.json"] = """
            {
              "extends": "../../../tsconfig.base.json",
              "references": [{ "path": "../../_shared/mcp-core" }]
            }

            """;
        source[folder + "/src/server.ts"] = $"export const serverOptions = {{ defaultPort: {port} }};\n";
        source[folder + (railwayToml ? "/railway.toml" : "/railway.service.ts")] = "// railway\n";
    }

    /// <summary>A TypeScript module with the Edge target ("targets" and "edge" in mcpops.module.json, src/edge.ts).</summary>
    public static void AddEdgeModule(InMemoryFileSource source, string name, int port = 8080, bool? verifyJwt = false, bool edgeOnly = false, string? function = null)
    {
        AddModule(source, name, port);
        var folder = $"modules/{name}/mcp";
        var verify = verifyJwt is { } flag ? $", \"verifyJwt\": {(flag ? "true" : "false")}" : "";
        var targets = edgeOnly ? "[\"edge\"]" : "[\"container\", \"edge\"]";
        source[folder + "/mcpops.module.json"] = $$"""
            { "name": "{{name}}", "flavour": "typescript", "port": {{port}}, "targets": {{targets}}, "edge": { "function": "{{function ?? name}}"{{verify}} } }

            """;
        source[folder + "/src/edge.ts"] = "Deno.serve(() => new Response(\"ok\"));\n";
    }
}
