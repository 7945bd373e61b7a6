using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Check.Docker;

/// <summary>DOCKER001-DOCKER007 over every module's Dockerfile.</summary>
internal sealed partial class DockerfileRules : ICheckAnalyzer
{
    /// <summary>Variables the base images define for their non-root user (mcr.microsoft.com/dotnet: APP_UID=1654).</summary>
    private static readonly HashSet<string> KnownNonRootVariables = new(StringComparer.Ordinal) { "APP_UID" };

    public void Run(CheckContext context)
    {
        foreach (var module in context.Modules)
        {
            var text = context.Files.Read(module.Dockerfile);
            if (text is null)
            {
                if (context.ShipsContainer(module))
                {
                    context.Add(Rules.DockerMultiStage, module.Manifest, 1, $"{module.Folder} has no Dockerfile: every module with the container target ships a multi-stage image.");
                }

                continue;
            }

            Check(context, module.Dockerfile, Dockerfile.Parse(text));
        }
    }

    public static void Check(CheckContext context, string path, Dockerfile file)
    {
        if (file.Stages.Count == 0)
        {
            context.Add(Rules.DockerMultiStage, path, 1, "no FROM instruction: not a Dockerfile a module can build.");
            return;
        }

        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in file.Stages)
        {
            CheckBase(context, path, file, stage, stageNames);
            if (stage.Name is not null)
            {
                stageNames.Add(stage.Name);
            }

            foreach (var instruction in stage.Instructions)
            {
                CheckSecretsAndAdd(context, path, instruction);
            }
        }

        foreach (var instruction in file.Instructions.TakeWhile(i => i.Keyword != "FROM"))
        {
            CheckSecretsAndAdd(context, path, instruction);
        }

        var final = file.Stages[^1];
        if (file.Stages.Count < 2)
        {
            context.Add(Rules.DockerMultiStage, path, final.From.Line, "single-stage build: compilers, package managers and sources end up in the runtime image.");
        }

        CheckUser(context, path, file, final);

        var healthcheck = final.Instructions.LastOrDefault(i => i.Keyword == "HEALTHCHECK");
        if (healthcheck is null)
        {
            context.Add(Rules.DockerHealthcheck, path, final.From.Line, "the final stage has no HEALTHCHECK.");
        }
        else if (healthcheck.Arguments.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(Rules.DockerHealthcheck, path, healthcheck.Line, "HEALTHCHECK NONE turns the image's health check off.");
        }

        foreach (var instruction in final.Instructions.Where(i => i.Keyword is "CMD" or "ENTRYPOINT"))
        {
            if (!IsExecForm(instruction.Arguments))
            {
                context.Add(Rules.DockerExecForm, path, instruction.Line, $"{instruction.Keyword} uses the shell form: /bin/sh becomes PID 1 and the server never sees SIGTERM.");
            }
        }
    }

    private static void CheckBase(CheckContext context, string path, Dockerfile file, DockerStage stage, HashSet<string> earlierStages)
    {
        var written = stage.Image;
        var image = Dockerfile.Expand(written, name => file.GlobalArgs.GetValueOrDefault(name));
        if (image.Equals("scratch", StringComparison.OrdinalIgnoreCase) || earlierStages.Contains(image))
        {
            return;
        }

        var shown = image == written ? $"`{written}`" : $"`{written}` (= `{image}`)";
        if (image.Contains('$', StringComparison.Ordinal))
        {
            context.Add(Rules.DockerPinnedBase, path, stage.From.Line, $"FROM {shown}: a build argument without a default decides the base image.");
            return;
        }

        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? "" : image[(colon + 1)..];
        if (tag.Length == 0)
        {
            context.Add(Rules.DockerPinnedBase, path, stage.From.Line, $"FROM {shown} has no tag: it means `latest`, a moving target.");
        }
        else if (tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            context.Add(Rules.DockerPinnedBase, path, stage.From.Line, $"FROM {shown} uses the `latest` tag, a moving target.");
        }
    }

    private static void CheckUser(CheckContext context, string path, Dockerfile file, DockerStage final)
    {
        var user = final.Instructions.LastOrDefault(i => i.Keyword == "USER");
        if (user is null)
        {
            context.Add(Rules.DockerNonRoot, path, final.From.Line, "the final stage has no USER: the server runs as root (unless the base image sets a user, which this file cannot show).");
            return;
        }

        var variables = new Dictionary<string, string?>(file.GlobalArgs, StringComparer.Ordinal);
        foreach (var instruction in final.Instructions.TakeWhile(i => i != user))
        {
            if (instruction.Keyword == "ARG")
            {
                foreach (var (name, value) in Dockerfile.ParseArg(instruction.Arguments))
                {
                    variables[name] = value ?? variables.GetValueOrDefault(name);
                }
            }
            else if (instruction.Keyword == "ENV")
            {
                foreach (var (name, value) in Dockerfile.ParseEnv(instruction.Arguments))
                {
                    variables[name] = value;
                }
            }
        }

        var written = user.Arguments.Trim();
        var name2 = written.Split(':')[0];
        var expanded = Dockerfile.Expand(name2, name => variables.GetValueOrDefault(name));
        if (expanded.Contains('$', StringComparison.Ordinal))
        {
            var variable = VariableName().Match(expanded).Groups[1].Value;
            if (!KnownNonRootVariables.Contains(variable))
            {
                context.Add(Rules.DockerNonRoot, path, user.Line, $"USER {written}: `{expanded}` cannot be resolved here, so it cannot be shown to be non-root; use a numeric UID.");
            }

            return;
        }

        if (expanded is "root" or "0" || (expanded.Length > 0 && expanded.All(char.IsAsciiDigit) && int.TryParse(expanded, out var uid) && uid == 0))
        {
            context.Add(Rules.DockerNonRoot, path, user.Line, $"USER {written}: the final stage runs as root.");
        }
        else if (expanded.Length == 0)
        {
            context.Add(Rules.DockerNonRoot, path, user.Line, "USER has no user.");
        }
    }

    private static void CheckSecretsAndAdd(CheckContext context, string path, DockerInstruction instruction)
    {
        switch (instruction.Keyword)
        {
            case "ARG":
                foreach (var (name, _) in Dockerfile.ParseArg(instruction.Arguments).Where(a => SecretNames.IsSecret(a.Name)))
                {
                    context.Add(Rules.DockerSecretVariable, path, instruction.Line, $"ARG {name}: build arguments are recorded in the image history.");
                }

                break;
            case "ENV":
                foreach (var (name, _) in Dockerfile.ParseEnv(instruction.Arguments).Where(e => SecretNames.IsSecret(e.Name)))
                {
                    context.Add(Rules.DockerSecretVariable, path, instruction.Line, $"ENV {name}: environment variables are stored in the image config.");
                }

                break;
            case "ADD":
                foreach (var source in AddSources(instruction.Arguments).Where(IsRemote))
                {
                    context.Add(Rules.DockerAddUrl, path, instruction.Line, $"ADD {source}: fetches a remote source at build time.");
                }

                break;
        }
    }

    private static IEnumerable<string> AddSources(string arguments)
    {
        List<string> words;
        if (arguments.TrimStart().StartsWith('['))
        {
            try
            {
                using var json = JsonDocument.Parse(arguments);
                words = [.. json.RootElement.EnumerateArray().Select(e => e.ToString())];
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                words = Dockerfile.SplitWords(arguments);
            }
        }
        else
        {
            words = [.. Dockerfile.SplitWords(arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal))];
        }

        return words.Count > 1 ? words.SkipLast(1) : words;
    }

    private static bool IsRemote(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("git@", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("git://", StringComparison.OrdinalIgnoreCase);

    private static bool IsExecForm(string arguments)
    {
        var trimmed = arguments.Trim();
        if (!trimmed.StartsWith('['))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(trimmed);
            return json.RootElement.ValueKind == JsonValueKind.Array
                && json.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableName();
}
