using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Templates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// devops-compose with two modules wired in (and with none), for each option: the Compose
/// Specification schema, docker-compose 1.29 where it applies, referenced files, hardening.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed partial class ComposeTests(TemplatePack pack, ITestOutputHelper output)
{
    public static TheoryData<string[]> OptionSets => new()
    {
        Array.Empty<string>(),
        new[] { "--postgres" },
        new[] { "--redis" },
        new[] { "--otel" },
        new[] { "--postgres", "--redis", "--otel" },
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public async Task Wired_compose_setup_is_valid_complete_and_hardened(string[] options)
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, options, []);
        (await ProcessRunner.RunAsync("node", ["infra/compose/secrets/generate.mjs"], workspace.Root)).EnsureSuccess();
        var files = new[] { workspace.ComposeFile }.Concat(workspace.Modules.Select(workspace.Fragment)).ToArray();

        await AssertComposeSpecAsync(files);

        var root = await InfraValidators.ReadYamlDocumentAsync(workspace.ComposeFile);
        Assert.False(root.ContainsKey("version"), "the Compose Specification has no top-level version");
        Assert.Equal(workspace.Modules.Select(m => $"../../modules/{m}/mcp/deploy/compose.yaml"),
            root["include"]!.AsArray().Select(i => (string)i!["path"]!));

        var services = new Dictionary<string, (JsonObject Service, string File)>();
        foreach (var file in files)
        {
            var document = await InfraValidators.ReadYamlDocumentAsync(file);
            AssertReferencedFilesExist(file, document);
            foreach (var (name, service) in document["services"]?.AsObject() ?? [])
            {
                Assert.True(services.TryAdd(name, (service!.AsObject(), file)), $"service {name} is defined twice");
            }

            if (file != workspace.ComposeFile)
            {
                // Compose merges an included file's resources only when identical to the root's.
                Assert.True(JsonNode.DeepEquals(root["networks"], document["networks"]), $"{file}: networks differ from docker-compose.yml's");
            }
        }

        var expected = workspace.Modules.Concat(options.Select(o => o switch
        {
            "--postgres" => "postgres",
            "--redis" => "redis",
            "--otel" => "otel-collector",
            _ => throw new ArgumentException(o),
        }));
        Assert.Equal(expected.Order(StringComparer.Ordinal), services.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(services.SelectMany(s => HardeningProblems(s.Key, s.Value.Service)));
        Assert.Empty(DependencyProblems(services.ToDictionary(s => s.Key, s => s.Value.Service)));

        var hostPorts = services.Values.SelectMany(s => s.Service["ports"]?.AsArray() ?? []).Select(p => (string)p!).ToList();
        Assert.Equal(hostPorts.Distinct().Count(), hostPorts.Count);
        Assert.All(hostPorts, p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:8082:8082", hostPorts);

        AssertEnvExampleDocumentsEveryVariable(workspace, files);

        // Debian's docker-compose 1.29 predates `include` and `name`; the module fragments use
        // neither, so they must pass it unchanged.
        foreach (var module in workspace.Modules)
        {
            (await InfraValidators.DockerCompose129Async(workspace.Fragment(module))).EnsureSuccess();
        }
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public async Task Compose_file_without_modules_is_valid(string[] options)
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, options, [], wireModules: false);
        (await ProcessRunner.RunAsync("node", ["infra/compose/secrets/generate.mjs"], workspace.Root)).EnsureSuccess();
        await AssertComposeSpecAsync([workspace.ComposeFile]);
        var root = await InfraValidators.ReadYamlDocumentAsync(workspace.ComposeFile);
        Assert.False(root.ContainsKey("include"));
        AssertReferencedFilesExist(workspace.ComposeFile, root);
        Assert.Empty((root["services"]?.AsObject() ?? []).SelectMany(s => HardeningProblems(s.Key, s.Value!.AsObject())));

        // Without modules the only key 1.29 does not know is `name:` (the project name): drop just
        // that line and let 1.29 check everything else (companions, networks, volumes, secrets).
        var legacy = Path.Combine(Path.GetDirectoryName(workspace.ComposeFile)!, "compose-1.29-check.yml");
        File.WriteAllLines(legacy, File.ReadAllLines(workspace.ComposeFile).Where(l => !l.StartsWith("name:", StringComparison.Ordinal)));
        (await InfraValidators.DockerCompose129Async(legacy)).EnsureSuccess();
    }

    [Fact]
    public async Task Module_fragment_dependency_on_companions_is_health_gated_once_uncommented()
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, ["--postgres", "--redis"], []);
        var fragment = workspace.Fragment("billing");
        // The user's documented step: uncomment the depends_on block of the fragment.
        var text = CommentedDependsOn().Replace(File.ReadAllText(fragment), "    $1");
        File.WriteAllText(fragment, text);

        await AssertComposeSpecAsync([workspace.ComposeFile, fragment]);
        var billing = (await InfraValidators.ReadYamlDocumentAsync(fragment))["services"]!["billing"]!.AsObject();
        Assert.Equal(["postgres", "redis"], billing["depends_on"]!.AsObject().Select(d => d.Key));
        var services = new Dictionary<string, JsonObject> { ["billing"] = billing };
        foreach (var (name, service) in (await InfraValidators.ReadYamlDocumentAsync(workspace.ComposeFile))["services"]!.AsObject())
        {
            services[name] = service!.AsObject();
        }

        Assert.Empty(DependencyProblems(services));
    }

    [Fact]
    public async Task Secret_files_are_git_ignored_and_the_secrets_readme_is_committed()
    {
        using var workspace = await InfraWorkspace.CreateAsync(pack, ["--postgres"], []);
        (await ProcessRunner.RunAsync("node", ["infra/compose/secrets/generate.mjs"], workspace.Root)).EnsureSuccess();
        var before = Directory.GetFiles(workspace.Path_("infra", "compose", "secrets")).ToDictionary(f => f, File.ReadAllText);
        var again = (await ProcessRunner.RunAsync("node", ["infra/compose/secrets/generate.mjs"], workspace.Root)).EnsureSuccess();
        Assert.Contains("0 secret file(s) created, 4 kept", again.StandardOutput, StringComparison.Ordinal);
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllText(f.Key)));

        (await ProcessRunner.RunAsync("git", ["init", "--quiet"], workspace.Root)).EnsureSuccess();
        (await ProcessRunner.RunAsync("git", ["add", "--all"], workspace.Root)).EnsureSuccess();
        var tracked = (await ProcessRunner.RunAsync("git", ["ls-files", "infra/compose"], workspace.Root)).EnsureSuccess()
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("infra/compose/secrets/README.md", tracked);
        Assert.Contains("infra/compose/secrets/generate.mjs", tracked);
        Assert.Contains("infra/compose/.env.example", tracked);
        Assert.DoesNotContain(tracked, f => f.EndsWith("-auth-token", StringComparison.Ordinal) || f.EndsWith("postgres-password", StringComparison.Ordinal));
        foreach (var secret in new[] { "billing-auth-token", "inventory-auth-token", "postgres-password" })
        {
            Assert.Matches("^[0-9a-f]{64}\n$", File.ReadAllText(workspace.Path_("infra", "compose", "secrets", secret)));
        }
    }

    /// <summary>Every hardening key on a service, as "service: problem" lines (empty when hardened).</summary>
    public static IEnumerable<string> HardeningProblems(string name, JsonObject service)
    {
        if (service["read_only"]?.GetValue<bool>() != true) yield return $"{name}: read_only must be true";
        if (!(service["tmpfs"]?.AsArray() ?? []).Any(t => ((string)t!).Split(':')[0] == "/tmp")) yield return $"{name}: tmpfs must mount /tmp";
        if (!JsonNode.DeepEquals(service["cap_drop"], new JsonArray("ALL"))) yield return $"{name}: cap_drop must be [ALL]";
        if (!(service["security_opt"]?.AsArray() ?? []).Any(o => (string)o! == "no-new-privileges:true")) yield return $"{name}: security_opt must contain no-new-privileges:true";
        if (service["init"]?.GetValue<bool>() != true) yield return $"{name}: init must be true";
        var user = (string?)service["user"];
        if (user is null || user.Split(':')[0] is "0" or "root") yield return $"{name}: user must be a non-root uid";
        var logging = service["logging"];
        if ((string?)logging?["driver"] != "json-file" || logging?["options"]?["max-size"] is null || logging?["options"]?["max-file"] is null)
        {
            yield return $"{name}: logging must rotate (json-file with max-size and max-file)";
        }

        var test = service["healthcheck"]?["test"]?.AsArray();
        if (test is null || test.Count < 2 || (string)test[0]! is not ("CMD" or "CMD-SHELL")) yield return $"{name}: healthcheck.test must be a CMD or CMD-SHELL check";
        if (service["image"] is { } image && ((string)image!).EndsWith(":latest", StringComparison.Ordinal)) yield return $"{name}: image must not be latest";
    }

    private static IEnumerable<string> DependencyProblems(Dictionary<string, JsonObject> services)
    {
        foreach (var (name, service) in services)
        {
            foreach (var (dependency, spec) in service["depends_on"]?.AsObject() ?? [])
            {
                if ((string?)spec?["condition"] != "service_healthy") yield return $"{name}: depends_on {dependency} must wait for service_healthy";
                if (!services.TryGetValue(dependency, out var target) || target["healthcheck"] is null) yield return $"{name}: depends on {dependency}, which has no healthcheck";
            }
        }
    }

    private async Task AssertComposeSpecAsync(string[] files)
    {
        if (!File.Exists(InfraValidators.ComposeSpecSchema))
        {
            // ../shared exists on developer machines and in CI, not in a user's clone: skip only this assertion.
            output.WriteLine($"SKIPPED Compose Specification schema check: {InfraValidators.ComposeSpecSchema} is absent");
            return;
        }

        var result = await InfraValidators.NodeAsync(["schema", InfraValidators.ComposeSpecSchema, .. files]);
        Assert.True(result.ExitCode == 0, $"Compose Specification schema:\n{result.Output}");
    }

    private static void AssertReferencedFilesExist(string composeFile, JsonObject document)
    {
        var dir = Path.GetDirectoryName(composeFile)!;
        string Resolve(string relative) => Path.GetFullPath(Path.Combine(dir, relative));

        foreach (var include in document["include"]?.AsArray() ?? [])
        {
            Assert.True(File.Exists(Resolve((string)include!["path"]!)), $"{composeFile}: included {include["path"]} does not exist");
        }

        foreach (var (name, secret) in document["secrets"]?.AsObject() ?? [])
        {
            var file = Resolve((string)secret!["file"]!);
            Assert.True(File.Exists(file), $"{composeFile}: secret {name} file {file} does not exist");
            Assert.Equal("secrets", Path.GetFileName(Path.GetDirectoryName(file)));
        }

        foreach (var (name, service) in document["services"]?.AsObject() ?? [])
        {
            if (service!["build"] is JsonObject build)
            {
                var context = Resolve((string)build["context"]!);
                Assert.True(Directory.Exists(context), $"{name}: build context {context} does not exist");
                var dockerfile = Path.Combine(context, (string?)build["dockerfile"] ?? "Dockerfile");
                Assert.True(File.Exists(dockerfile), $"{name}: Dockerfile {dockerfile} does not exist");
            }

            foreach (var envFile in service["env_file"]?.AsArray() ?? [])
            {
                Assert.True(File.Exists(Resolve((string)envFile!)), $"{name}: env_file {envFile} does not exist");
            }

            foreach (var volume in service["volumes"]?.AsArray() ?? [])
            {
                var source = ((string)volume!).Split(':')[0];
                if (source.StartsWith('.'))
                {
                    Assert.True(File.Exists(Resolve(source)) || Directory.Exists(Resolve(source)), $"{name}: bind mount {source} does not exist");
                }
            }
        }
    }

    private static void AssertEnvExampleDocumentsEveryVariable(InfraWorkspace workspace, IEnumerable<string> files)
    {
        var example = File.ReadAllLines(workspace.Path_("infra", "compose", ".env.example"));
        var documented = example.Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var used = files.SelectMany(f => Interpolation().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Empty(used.Where(v => !documented.ContainsKey(v)).Select(v => $"{v} is used but not in .env.example"));
        Assert.Empty(documented.Keys.Where(v => !used.Contains(v)).Select(v => $"{v} is in .env.example but unused"));
        Assert.Empty(documented.Where(d => SecretName().IsMatch(d.Key) && d.Value.Length > 0).Select(d => $"{d.Key} has a value"));
    }

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();

    [GeneratedRegex("PASSWORD|TOKEN|SECRET|KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^    # ((?:depends_on:|  postgres:|  redis:|    condition: service_healthy).*)$", RegexOptions.Multiline)]
    private static partial Regex CommentedDependsOn();
}
