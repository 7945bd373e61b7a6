using System.Text.Json;

namespace McpOps.Templates.Tests.Image;

/// <summary>The parts of `buildah inspect --type image` (Docker format) the checks read.</summary>
public sealed record ImageConfig(
    string User,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyList<string>? HealthcheckTest,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> History,
    string WorkingDir,
    IReadOnlyList<string> DiffIds)
{
    public static ImageConfig Parse(string inspectJson)
    {
        using var document = JsonDocument.Parse(inspectJson);
        var docker = document.RootElement.GetProperty("Docker");
        var config = docker.GetProperty("config");

        return new ImageConfig(
            User: String(config, "User"),
            Cmd: Strings(config, "Cmd") ?? [],
            Entrypoint: Strings(config, "Entrypoint"),
            HealthcheckTest: config.TryGetProperty("Healthcheck", out var health) && health.ValueKind == JsonValueKind.Object
                ? Strings(health, "Test")
                : null,
            ExposedPorts: config.TryGetProperty(nameof(ExposedPorts), out var ports) && ports.ValueKind == JsonValueKind.Object
                ? ports.EnumerateObject().Select(p => p.Name).ToList()
                : [],
            Env: (Strings(config, "Env") ?? []).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal),
            Labels: config.TryGetProperty(nameof(Labels), out var labels) && labels.ValueKind == JsonValueKind.Object
                ? labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? "", StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            History: docker.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array
                ? history.EnumerateArray().Select(h => String(h, "created_by")).ToList()
                : [],
            WorkingDir: String(config, "WorkingDir"),
            DiffIds: Strings(docker.GetProperty("rootfs"), "diff_ids") ?? []);
    }

    /// <summary>The numeric user id of `USER uid[:gid]`, or null when it is a name (or empty = root).</summary>
    public int? NumericUid => int.TryParse(User.Split(':')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : null;

    public int? NumericGid => User.Split(':') is [_, var gid]
        && int.TryParse(gid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : NumericUid;

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static List<string>? Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
            : null;
}
