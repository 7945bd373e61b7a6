using System.Text.RegularExpressions;
using McpOps.Cli.Modules;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Modules;

/// <summary>
/// One naming rule, end to end: a workspace made with every template gets modules of many names
/// (sampled shapes and lengths, both flavours, one made by `dotnet new mcp-module` alone from a raw
/// name), and every deploy file names each derived name exactly as <see cref="ModuleNames"/> defines it;
/// the workspace then has zero `check` findings and is in sync.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed partial class GeneratedNamesTests(TemplatePack pack) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-names");

    [Fact]
    public async Task Every_deploy_file_uses_the_derived_names_and_check_is_clean_for_many_names()
    {
        var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
        (await pack.NewAsync(root, "devops-compose", "--postgres", "--redis", "--otel")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-k8s", "--external-secrets")).EnsureSuccess();
        (await pack.NewAsync(root, "devops-ci")).EnsureSuccess();

        var sampled = ModuleNameSamples.Valid(count: 400).Skip(4).Where(n => n.Length >= 4).Distinct().Take(6);
        string[] names = ["ab", "abcdefghijklmnopqrstuvwxyz", "crm-sync", .. sampled];
        for (var i = 0; i < names.Length; i++)
        {
            string[] flavour = i % 3 == 2 ? ["--language", "C#"] : [];
            GeneratedWorkspaces.Add(pack, root, [names[i], .. flavour]);
        }

        // The template alone, with a raw name: it writes the name mcpops would have suggested.
        (await pack.NewAsync(root, "mcp-module", "-n", "HTTPServer", "--scope", GeneratedWorkspaces.Scope, "--port", "9999")).EnsureSuccess();
        names = [.. names, ModuleName.Normalise("HTTPServer")];
        Assert.True(Directory.Exists(Path.Combine(root, "modules", "http-server", "mcp")));

        var sync = CliRun.In(root, "sync");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        foreach (var name in names)
        {
            AssertDerivedNames(root, name);
        }

        var check = CliRun.In(root, "check");
        Assert.True(check.ExitCode == 0, string.Join(", ", names) + "\n" + check);
        Assert.Equal(0, CliRun.In(root, "sync", "--check").ExitCode);
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertDerivedNames(string root, string name)
    {
        var names = new ModuleNames(name);
        string Read(string path) => File.ReadAllText(Path.Combine(root, names.Folder, path));

        Assert.Contains($"\"name\": \"{name}\"", Read("mcpops.module.json"), StringComparison.Ordinal);
        if (File.Exists(Path.Combine(root, names.Folder, "package.json")))
        {
            Assert.Contains($"\"name\": \"{names.NpmPackage(GeneratedWorkspaces.Scope)}\"", Read("package.json"), StringComparison.Ordinal);
        }

        var compose = Read("deploy/compose.yaml");
        Assert.Contains($"\n  {names.ComposeService}:\n", compose, StringComparison.Ordinal);
        Assert.Contains($"/{names.Image}:${{MCP_IMAGE_TAG", compose, StringComparison.Ordinal);
        Assert.Contains($"/run/secrets/{names.AuthTokenSecret}\n", compose, StringComparison.Ordinal);

        var kustomization = Read("deploy/k8s/kustomization.yaml");
        Assert.Contains($"namePrefix: {names.KubernetesPrefix}\n", kustomization, StringComparison.Ordinal);
        Assert.Contains($"value: {names.KubernetesSecret}\n", kustomization, StringComparison.Ordinal);
        Assert.Contains($"value: {names.AuthTokenSecret}\n", kustomization, StringComparison.Ordinal);

        var helm = Read("deploy/helm-values.yaml");
        Assert.Contains($"existingSecret: {names.KubernetesSecret}\n", helm, StringComparison.Ordinal);
        Assert.Contains($"remoteKey: {names.AuthTokenSecret}\n", helm, StringComparison.Ordinal);

        Assert.Contains($"service(\"{names.RailwayService}\"", Read("railway.service.ts"), StringComparison.Ordinal);

        var readme = Read("README.md");
        Assert.Contains($"gcloud run deploy {names.CloudRunService} ", readme, StringComparison.Ordinal);
        Assert.Contains($"MCP_AUTH_TOKEN={names.AuthTokenSecret}:", readme, StringComparison.Ordinal);

        // The CI derives the same names from the module folder.
        var deploy = File.ReadAllText(Path.Combine(root, ".github", "workflows", "deploy-cloudrun.yml"));
        Assert.Equal(names.AuthTokenSecret, SecretName().Match(deploy).Groups[1].Value.Replace("${{ inputs.module }}", name, StringComparison.Ordinal));
        var settings = File.ReadAllText(Path.Combine(root, ".github", "scripts", "google-cloud-config.sh"));
        Assert.Equal(names.ServiceAccountId + "@", ServiceAccount().Match(settings).Groups[1].Value.Replace("${module}", name, StringComparison.Ordinal));

        // No other form of the name in any deploy file (comments aside): each token starting with it is a derived name.
        string[] known = [name, names.KubernetesName, names.KubernetesSecret, names.AuthTokenSecret, names.ServerName];
        foreach (var file in new[] { "deploy/compose.yaml", "deploy/k8s/kustomization.yaml", "deploy/helm-values.yaml", "railway.service.ts", "Dockerfile" })
        {
            foreach (var line in Read(file).Split('\n').Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            {
                foreach (Match token in Regex.Matches(line, $@"(?<![a-z0-9-]){Regex.Escape(name)}[a-z0-9-]*"))
                {
                    Assert.True(known.Contains(token.Value.TrimEnd('-')) || token.Value == names.KubernetesPrefix, $"{names.Folder}/{file}: '{token.Value}' in `{line.Trim()}` is not a derived name of '{name}'");
                }
            }
        }
    }

    [GeneratedRegex(@"SECRET_NAME: (\$\{\{ inputs\.module \}\}[a-z-]*)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"account:-(\$\{module\}[a-z-]*@)")]
    private static partial Regex ServiceAccount();
}
