using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.Commands;
using McpOps.Cli.Railway;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Railway;

/// <summary>
/// A workspace on disk (modules billing, crm-sync whose Railway service is renamed crm-sync-api, and
/// legacy with only a railway.toml) plus the stand-in Railway CLI (tests/validators/railway-stand-in)
/// behind a per-test `railway` wrapper, its account state and its call record.
/// </summary>
internal sealed class RailwayStandIn : IDisposable
{
    public const string Secret = "s3cr3t-Value-do-not-leak-7f1c";

    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tests", "validators", "railway-stand-in", "railway.mjs");

    private readonly TempDirectory temp = new("mcpops-railway");

    public RailwayStandIn()
    {
        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(Script)!, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            throw new InvalidOperationException("the Railway stand-in's packages are not installed: run `bash tests/run` once, or `npm ci --prefix tests/validators/railway-stand-in`.");
        }

        Workspace = temp.Combine("acme");
        var files = MemoryWorkspace.Create("billing", "crm-sync");
        MemoryWorkspace.AddModule(files, "legacy", railwayToml: true);
        files["modules/billing/mcp/railway.service.ts"] = ServiceFile("billing");
        files["modules/crm-sync/mcp/railway.service.ts"] = ServiceFile("crm-sync-api");
        foreach (var path in new[] { "package.json", "tsconfig.json", ".railway/railway.ts", "README.md", "modules/_shared/mcp-core/package.json" }
            .Concat(new[] { "billing", "crm-sync", "legacy" }.SelectMany(m => new[] { "package.json", "tsconfig.json", "src/server.ts", "railway.service.ts", "railway.toml" }.Select(f => $"modules/{m}/mcp/{f}"))))
        {
            if (files.ReadText(path) is { } text)
            {
                Write(path, text);
            }
        }

        StatePath = temp.Combine("state.json");
        LogPath = temp.Combine("calls.jsonl");
        State = JsonNode.Parse("""
            {
              "loggedIn": true,
              "linkedProject": "proj-acme",
              "projects": {
                "proj-acme": {
                  "name": "acme",
                  "environments": ["production", "staging"],
                  "services": {
                    "billing": {
                      "variables": { "production": { "MCP_AUTH_TOKEN": "already-there-token-1234", "LOG_LEVEL": "info" } },
                      "deployments": [
                        { "id": "dep-2", "status": "SUCCESS", "createdAt": "2026-12-01T10:00:00Z", "commit": "abc1234" },
                        { "id": "dep-1", "status": "REMOVED", "createdAt": "2026-11-30T09:00:00Z", "commit": "0ff1ce0" }
                      ],
                      "logs": { "production": ["[2026-12-01T10:00:01Z] billing listening on 0.0.0.0:8080"] }
                    },
                    "crm-sync-api": {
                      "logs": { "staging": ["[2026-12-01T11:00:00Z] crm-sync staging up"] }
                    }
                  }
                }
              }
            }
            """)!.AsObject();
        SaveState();

        var wrapper = temp.Combine("bin", "railway");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);
        File.WriteAllText(wrapper, $"""
            #!/bin/sh
            export RAILWAY_STAND_IN_STATE='{StatePath}'
            export RAILWAY_STAND_IN_LOG='{LogPath}'
            exec node '{Script}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Executable = wrapper;
    }

    public string Workspace { get; }

    public string Executable { get; }

    public string StatePath { get; }

    public string LogPath { get; }

    public JsonObject State { get; private set; }

    public Dictionary<string, string> Environment => new()
    {
        [RailwayExecutable.Variable] = Executable,
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
    };

    public static string ServiceFile(string service) => $$"""
        import { preserve, service, type RailwayContext } from "railway/iac";

        export default function moduleService({ ctx }: { ctx: RailwayContext }) {
          return service("{{service}}", {
            healthcheck: "/health",
            env: { MCP_AUTH_TOKEN: preserve() },
          });
        }

        """;

    public void Write(string path, string text)
    {
        var full = Path.Combine(Workspace, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Change(Action<JsonObject> edit)
    {
        edit(State);
        SaveState();
    }

    public JsonObject ReloadState() => State = JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();

    /// <summary>Everything the stand-in recorded: one object per start ("start": argv, env, cwd), call or delete.</summary>
    public IReadOnlyList<JsonObject> Records() => File.Exists(LogPath)
        ? [.. File.ReadAllLines(LogPath).Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!.AsObject())]
        : [];

    public IReadOnlyList<JsonObject> Calls(string tool) => [.. Records().Where(r => (string?)r["kind"] == "call" && (string?)r["tool"] == tool)];

    public CliResult Run(params string[] args) => RunWithInput("", Environment, args);

    public CliResult RunWithInput(string input, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var context = new CliContext(Workspace, output, error, name => environment.GetValueOrDefault(name), input: stdin);
        var exit = McpOpsCli.Run(args, context);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => temp.Dispose();

    private void SaveState() => File.WriteAllText(StatePath, State.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
