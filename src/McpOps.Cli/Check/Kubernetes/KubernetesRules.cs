using McpOps.Cli.Check.Yaml;
using YamlDotNet.RepresentationModel;

namespace McpOps.Cli.Check.Kubernetes;

/// <summary>
/// K8S001-K8S004 over the manifests under infra/k8s/ and modules/*/mcp/deploy/k8s/, and the Helm
/// values files (charts' values.yaml, modules/*/mcp/deploy/helm-values.yaml). Chart templates are
/// Go templates, not YAML, and no Helm binary renders them here: their values are checked instead.
/// Files a kustomization lists as patches are partial objects and are not checked as workloads; an
/// image left untagged in a base counts as pinned when a kustomization's `images:` pins it.
/// </summary>
internal sealed class KubernetesRules : ICheckAnalyzer
{
    public bool ParsesYaml => true;

    private static readonly string[] HostNamespaces = ["hostNetwork", "hostPID", "hostIPC"];
    private static readonly string[] Probes = ["livenessProbe", "readinessProbe"];
    private static readonly (string Section, string Key)[] RequiredResources = [("requests", "cpu"), ("requests", "memory"), ("limits", "memory")];

    private static readonly HashSet<string> PodTemplateKinds = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" };

    public void Run(CheckContext context)
    {
        var files = context.Files.Paths.Where(p => context.InScope(p) && IsYaml(p) && IsKubernetesPath(p)).ToList();
        var parsed = new List<(string Path, IReadOnlyList<YamlDocument> Documents)>();
        foreach (var path in files)
        {
            if (context.Yaml(path) is { } documents)
            {
                parsed.Add((path, documents));
            }
        }

        // Images a kustomization rewrites (name -> pinned?), and files used as patches.
        var pinnedByKustomize = new HashSet<string>(StringComparer.Ordinal);
        var patches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, documents) in parsed.Where(f => IsKustomization(f.Path)))
        {
            var folder = path[..path.LastIndexOf('/')];
            foreach (var root in documents.Select(d => d.RootNode))
            {
                foreach (var image in root.Get("images").Items())
                {
                    var name = image.Get("name").Text() ?? "";
                    var tag = image.Get("newTag").Text();
                    var digest = image.Get("digest").Text();
                    if (!string.IsNullOrEmpty(digest) || !string.IsNullOrEmpty(tag) && !tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
                    {
                        pinnedByKustomize.Add(name);
                    }
                    else
                    {
                        var at = image.Get("newTag") ?? image;
                        context.Add(Rules.KubernetesImageTag, path, at.Line(), $"kustomization image `{name}` is set to {(string.IsNullOrEmpty(tag) ? "no tag or digest" : "`latest`")}.");
                    }
                }

                foreach (var patch in root.Get("patchesStrategicMerge").Items().Select(p => p.Text())
                    .Concat(root.Get("patches").Items().Select(p => p.Get("path").Text()))
                    .Concat(root.Get("patchesJson6902").Items().Select(p => p.Get("path").Text())))
                {
                    if (!string.IsNullOrEmpty(patch))
                    {
                        patches.Add(Normalise(folder + "/" + patch));
                    }
                }
            }
        }

        foreach (var (path, documents) in parsed)
        {
            if (IsKustomization(path) || patches.Contains(path))
            {
                continue;
            }

            if (IsHelmValues(path))
            {
                foreach (var document in documents)
                {
                    CheckHelmValues(context, path, document.RootNode);
                }

                continue;
            }

            foreach (var document in documents)
            {
                CheckWorkload(context, path, document.RootNode, pinnedByKustomize);
            }
        }
    }

    private static void CheckWorkload(CheckContext context, string path, YamlNode root, HashSet<string> pinnedByKustomize)
    {
        var kind = root.Get("kind").Text();
        YamlNode? pod = kind switch
        {
            "Pod" => root.Get("spec"),
            "CronJob" => root.Path("spec", "jobTemplate", "spec", "template", "spec"),
            _ when kind is not null && PodTemplateKinds.Contains(kind) => root.Path("spec", "template", "spec"),
            _ => null,
        };
        if (pod is null)
        {
            return;
        }

        var name = root.Path("metadata", "name").Text() ?? kind;
        var podProblems = new List<string>();
        foreach (var host in HostNamespaces)
        {
            if (pod.Get(host).IsTrue())
            {
                podProblems.Add($"{host}: true");
            }
        }

        if (pod.Get("volumes").Items().Any(v => v.Get("hostPath") is not null))
        {
            podProblems.Add("a hostPath volume");
        }

        if (podProblems.Count > 0)
        {
            context.Add(Rules.KubernetesRestricted, path, pod.Line(), $"{kind} {name}: {string.Join(", ", podProblems)} (not allowed under the restricted Pod Security Standard).");
        }

        var podSecurity = pod.Get("securityContext");
        var init = pod.Get("initContainers").Items().Select(c => (Container: c, Init: true));
        foreach (var (container, isInit) in pod.Get("containers").Items().Select(c => (Container: c, Init: false)).Concat(init))
        {
            var containerName = container.Get("name").Text() ?? "?";
            var at = container.Get("name") ?? container;
            var where = $"{kind} {name}, container {containerName}";
            CheckSecurity(context, path, at.Line(), where, podSecurity, container.Get("securityContext"));
            CheckImage(context, path, container, where, pinnedByKustomize);
            if (!isInit)
            {
                var missingProbes = Probes.Where(p => container.Get(p) is null).ToList();
                if (missingProbes.Count > 0)
                {
                    context.Add(Rules.KubernetesProbes, path, at.Line(), $"{where}: no {string.Join(" or ", missingProbes)}.");
                }
            }

            var resources = container.Get("resources");
            var missing = RequiredResources
                .Where(r => string.IsNullOrEmpty(resources.Path(r.Section, r.Key).Text()))
                .Select(r => $"{r.Section}.{r.Key}")
                .ToList();
            if (missing.Count > 0)
            {
                context.Add(Rules.KubernetesResources, path, at.Line(), $"{where}: no resources.{string.Join(", resources.", missing)}.");
            }
        }
    }

    private static void CheckSecurity(CheckContext context, string path, int line, string where, YamlNode? pod, YamlNode? container)
    {
        var problems = new List<string>();
        var runAsNonRoot = container.Get("runAsNonRoot") ?? pod.Get("runAsNonRoot");
        if (!runAsNonRoot.IsTrue())
        {
            problems.Add("runAsNonRoot is not true");
        }

        var runAsUser = container.Get("runAsUser") ?? pod.Get("runAsUser");
        if (runAsUser.Text() == "0")
        {
            problems.Add("runAsUser is 0");
        }

        if (!container.Get("allowPrivilegeEscalation").IsFalse())
        {
            problems.Add("allowPrivilegeEscalation is not false");
        }

        if (container.Get("privileged").IsTrue())
        {
            problems.Add("privileged is true");
        }

        if (!container.Path("capabilities", "drop").Items().Any(c => c.Text() == "ALL"))
        {
            problems.Add("capabilities do not drop ALL");
        }

        var added = container.Path("capabilities", "add").Items().Select(c => c.Text()).Where(c => c is not null && c != "NET_BIND_SERVICE").ToList();
        if (added.Count > 0)
        {
            problems.Add($"capabilities add {string.Join(", ", added)}");
        }

        var seccomp = (container.Path("seccompProfile", "type") ?? pod.Path("seccompProfile", "type")).Text();
        if (seccomp is not ("RuntimeDefault" or "Localhost"))
        {
            problems.Add("seccompProfile.type is not RuntimeDefault");
        }

        if (problems.Count > 0)
        {
            context.Add(Rules.KubernetesRestricted, path, line, $"{where}: {string.Join(", ", problems)}.");
        }
    }

    private static void CheckImage(CheckContext context, string path, YamlNode container, string where, HashSet<string> pinnedByKustomize)
    {
        if (container.Get("image") is not YamlScalarNode node || string.IsNullOrEmpty(node.Value))
        {
            return;
        }

        var image = node.Value;
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var name = colon < 0 ? image : image[..colon];
        var tag = colon < 0 ? "" : image[(colon + 1)..];
        if (pinnedByKustomize.Contains(name) || pinnedByKustomize.Contains(image))
        {
            return;
        }

        if (tag.Length == 0 || tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(Rules.KubernetesImageTag, path, node.Line(), $"{where}: image `{image}` is {(tag.Length == 0 ? "untagged (latest)" : "`latest`")} and no kustomization pins it.");
        }
    }

    private static void CheckHelmValues(CheckContext context, string path, YamlNode root)
    {
        var image = root.Get("image");
        if (image is null)
        {
            return;
        }

        var tag = image.Get("tag").Text();
        var digest = image.Get("digest").Text();
        if (!string.IsNullOrEmpty(digest))
        {
            return;
        }

        if (tag is not null && tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(Rules.KubernetesImageTag, path, image.Get("tag")!.Line(), "Helm values `image.tag: latest`.");
        }
        else if (image.Get("repository") is not null && image.Get("tag") is null)
        {
            context.Add(Rules.KubernetesImageTag, path, image.Line(), "Helm values set image.repository without image.tag or image.digest (charts then fall back to a moving tag).");
        }
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);

    private static bool IsKubernetesPath(string path)
    {
        if (path.StartsWith("infra/k8s/", StringComparison.Ordinal))
        {
            // Chart templates are Go templates: only the chart's values are YAML we can read.
            return !(path.StartsWith("infra/k8s/charts/", StringComparison.Ordinal) && path.Contains("/templates/", StringComparison.Ordinal))
                && !path.EndsWith("/Chart.yaml", StringComparison.Ordinal);
        }

        return CheckContext.ModuleOf(path) is { } module
            && (path.StartsWith($"modules/{module}/mcp/deploy/k8s/", StringComparison.Ordinal) || path == $"modules/{module}/mcp/deploy/helm-values.yaml");
    }

    private static bool IsKustomization(string path) =>
        path.EndsWith("/kustomization.yaml", StringComparison.Ordinal) || path.EndsWith("/kustomization.yml", StringComparison.Ordinal);

    private static bool IsHelmValues(string path) =>
        path.EndsWith("/helm-values.yaml", StringComparison.Ordinal)
        || path.StartsWith("infra/k8s/charts/", StringComparison.Ordinal) && (path.EndsWith("/values.yaml", StringComparison.Ordinal) || path.Contains("/values-", StringComparison.Ordinal));

    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == ".." && parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
