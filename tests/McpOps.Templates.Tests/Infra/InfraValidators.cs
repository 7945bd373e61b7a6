using System.Text.Json.Nodes;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// The third-party validators of tests/validators/infra (ajv, kubernetes-models, yaml), kubectl's
/// kustomize and Debian's docker-compose 1.29, each run as a process.
/// </summary>
public static class InfraValidators
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "validators", "infra");

    /// <summary>The current Compose Specification schema; outside this repository (../shared), absent in a user's clone.</summary>
    public static string ComposeSpecSchema => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "schemas", "compose-spec.json"));

    public static async Task<ProcessResult> NodeAsync(params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            throw new InvalidOperationException($"the infra validators are not installed: run `npm ci --prefix {Folder}` (.ci/run does)");
        }

        return await ProcessRunner.RunAsync("node", [Path.Combine(Folder, "validate.mjs"), .. arguments], Folder);
    }

    public static async Task<JsonArray> ReadYamlAsync(string file)
    {
        var result = (await NodeAsync("to-json", file)).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)!.AsArray();
    }

    public static async Task<JsonObject> ReadYamlDocumentAsync(string file) => (await ReadYamlAsync(file)).Single()!.AsObject();

    public static async Task<ProcessResult> KustomizeAsync(string directory)
    {
        var kubectl = FindOnPath("kubectl") ?? throw new InvalidOperationException(
            "kubectl is not on PATH: it is part of the machine image here; elsewhere install kubectl 1.27+ (its `kustomize` is the one these tests use)");
        return await ProcessRunner.RunAsync(kubectl, ["kustomize", directory], directory);
    }

    public static async Task<ProcessResult> DockerCompose129Async(string composeFile)
    {
        var compose = FindOnPath("docker-compose") ?? throw new InvalidOperationException(
            "docker-compose (Debian package, 1.29) is not installed: .ci/apt-packages lists it, .ci/run installs it");
        return await ProcessRunner.RunAsync(compose, ["--file", composeFile, "config", "--quiet"], Path.GetDirectoryName(composeFile)!);
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
