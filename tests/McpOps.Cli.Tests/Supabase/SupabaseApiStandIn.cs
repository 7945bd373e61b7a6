using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.Supabase;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Supabase;

/// <summary>
/// A workspace on disk with an Edge module, the stand-in Supabase Management API
/// (tests/validators/supabase-stand-in/management-api.mjs) on a free port, and an `npx` wrapper that
/// records its argv and whether SUPABASE_ACCESS_TOKEN reached it, checks that mcpops asked for the pinned
/// package, and runs the real @supabase/mcp-server-supabase installed beside the stand-in.
/// </summary>
internal sealed class SupabaseApiStandIn : IDisposable
{
    public const string Token = "sbp_0123456789abcdef0123456789abcdef01234567";
    public const string ProjectRef = "abcdefghijklmnopqrst";

    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "validators", "supabase-stand-in");

    private readonly TempDirectory temp = new("mcpops-supabase");
    private readonly Process process;

    /// <summary>With <paramref name="workspace"/> null, a small in-memory workspace (billing, and alerts with the Edge target) is written to disk.</summary>
    public SupabaseApiStandIn(string? workspace = null, string? deno = null, string anonKey = "")
    {
        var cli = Path.Combine(Folder, "node_modules", "@supabase", "mcp-server-supabase", "dist", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException("the Supabase stand-in's packages are not installed: run `bash tests/run` once, or `npm ci --prefix tests/validators/supabase-stand-in`.");
        }

        Workspace = workspace ?? temp.Combine("acme");
        State = temp.Combine("state");
        Directory.CreateDirectory(State);
        if (workspace is null)
        {
            var files = MemoryWorkspace.Create("billing");
            files["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig;
            MemoryWorkspace.AddEdgeModule(files, "alerts", port: 8081);
            foreach (var path in files.ListFilesRecursive(""))
            {
                Write(path, files.ReadText(path)!);
            }
        }

        Npx = temp.Combine("npx");
        ArgvLog = temp.Combine("npx-argv.log");
        File.WriteAllText(Npx, $$"""
            #!/usr/bin/env bash
            set -euo pipefail
            printf '%s\n' "$*" >> '{{ArgvLog}}'
            if [ -n "${SUPABASE_ACCESS_TOKEN:-}" ]; then echo "token-in-environment" >> '{{ArgvLog}}'; fi
            [ "$1" = "-y" ] && [ "$2" = "{{SupabaseServer.Package}}" ] || { echo "unexpected package: $*" >&2; exit 3; }
            shift 2
            exec node '{{cli}}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Npx, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("node", [Path.Combine(Folder, "management-api.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["STANDIN_TOKEN"] = Token;
        start.Environment["STANDIN_STATE"] = State;
        start.Environment["STANDIN_ANON_KEY"] = anonKey;
        if (deno is not null)
        {
            start.Environment["STANDIN_DENO"] = deno;
        }

        process = Process.Start(start)!;
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the stand-in exited: " + process.StandardError.ReadToEnd());
        Url = JsonNode.Parse(first)!["url"]!.GetValue<string>();
    }

    public string Workspace { get; }

    public string State { get; }

    public string Url { get; }

    public string Npx { get; }

    public string ArgvLog { get; }

    public Dictionary<string, string> Environment(string? token = Token) => new()
    {
        [SupabaseServer.NpxVariable] = Npx,
        [SupabaseServer.ApiUrlVariable] = Url,
        [SupabaseServer.AccessTokenVariable] = token ?? "",
    };

    /// <summary>For --hosted against <paramref name="mcpUrl"/>: no Management API URL (the hosted server has its own); the npx wrapper stays set, so a started local server would show in <see cref="ArgvLog"/>.</summary>
    public Dictionary<string, string> HostedEnvironment(string mcpUrl, string? token = Token) => new()
    {
        [SupabaseServer.NpxVariable] = Npx,
        [SupabaseServer.HostedUrlVariable] = mcpUrl,
        [SupabaseServer.AccessTokenVariable] = token ?? "",
    };

    public void Write(string path, string text)
    {
        var full = Path.Combine(Workspace, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>Writes the module's bundle, newer than its sources.</summary>
    public string WriteBundle(string module, string content)
    {
        var full = Path.Combine(Workspace, $"modules/{module}/mcp/dist/edge/index.js");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetLastWriteTimeUtc(full, DateTime.UtcNow.AddMinutes(1));
        return full;
    }

    public IReadOnlyList<JsonObject> Requests() => ReadLines("requests.jsonl");

    public IReadOnlyList<JsonObject> Deploys() => ReadLines("deploys.jsonl");

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            process.Dispose();
            temp.Dispose();
        }
    }

    private List<JsonObject> ReadLines(string file)
    {
        var path = Path.Combine(State, file);
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())]
            : [];
    }
}
