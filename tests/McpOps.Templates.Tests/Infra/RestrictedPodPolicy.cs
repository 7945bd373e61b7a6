using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// The Pod Security Standard "restricted" plus this project's rules, checked on every pod template
/// of a rendered manifest: readOnlyRootFilesystem with an emptyDir on /tmp, probes on /health,
/// resources, an immutable image. Each problem names the object and the field.
/// </summary>
public static partial class RestrictedPodPolicy
{
    public static IEnumerable<string> Check(JsonObject manifest)
    {
        var id = $"{(string?)manifest["kind"]}/{(string?)manifest["metadata"]?["name"]}";
        var (pod, path) = (string?)manifest["kind"] switch
        {
            "Pod" => (manifest["spec"]?.AsObject(), "spec"),
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => (manifest["spec"]?["template"]?["spec"]?.AsObject(), "spec.template.spec"),
            "CronJob" => (manifest["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]?.AsObject(), "spec.jobTemplate.spec.template.spec"),
            _ => (null, ""),
        };
        return pod is null ? [] : CheckPod(id, path, pod, isServer: (string?)manifest["kind"] != "Pod");
    }

    private static IEnumerable<string> CheckPod(string id, string path, JsonObject pod, bool isServer)
    {
        var podContext = pod["securityContext"];
        foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (pod[field]?.GetValue<bool>() == true) yield return $"{id}: {path}.{field} must not be true";
        }

        if (pod["automountServiceAccountToken"]?.GetValue<bool>() != false) yield return $"{id}: {path}.automountServiceAccountToken must be false";
        if (podContext?["runAsNonRoot"]?.GetValue<bool>() != true) yield return $"{id}: {path}.securityContext.runAsNonRoot must be true";
        if ((string?)podContext?["seccompProfile"]?["type"] is not ("RuntimeDefault" or "Localhost")) yield return $"{id}: {path}.securityContext.seccompProfile.type must be RuntimeDefault";
        if (podContext?["runAsUser"]?.GetValue<long>() is 0) yield return $"{id}: {path}.securityContext.runAsUser must not be 0";

        var volumes = pod["volumes"]?.AsArray() ?? [];
        foreach (var volume in volumes)
        {
            if (volume?["hostPath"] is not null) yield return $"{id}: {path}.volumes[{volume["name"]}] must not be a hostPath";
        }

        var containers = (pod["containers"]?.AsArray() ?? []).Concat(pod["initContainers"]?.AsArray() ?? []).ToList();
        if (containers.Count == 0) yield return $"{id}: {path}.containers is empty";
        foreach (var container in containers)
        {
            var at = $"{path}.containers[{(string?)container!["name"]}]";
            var context = container["securityContext"];
            if (context?["allowPrivilegeEscalation"]?.GetValue<bool>() != false) yield return $"{id}: {at}.securityContext.allowPrivilegeEscalation must be false";
            if (context?["privileged"]?.GetValue<bool>() == true) yield return $"{id}: {at}.securityContext.privileged must not be true";
            if (!JsonNode.DeepEquals(context?["capabilities"]?["drop"], new JsonArray("ALL"))) yield return $"{id}: {at}.securityContext.capabilities.drop must be [ALL]";
            if (context?["capabilities"]?["add"] is JsonArray added && added.Any(a => (string)a! != "NET_BIND_SERVICE")) yield return $"{id}: {at}.securityContext.capabilities.add may only hold NET_BIND_SERVICE";
            if (context?["runAsUser"]?.GetValue<long>() is 0) yield return $"{id}: {at}.securityContext.runAsUser must not be 0";
            if (context?["runAsNonRoot"]?.GetValue<bool>() == false) yield return $"{id}: {at}.securityContext.runAsNonRoot must not be false";
            if (context?["readOnlyRootFilesystem"]?.GetValue<bool>() != true) yield return $"{id}: {at}.securityContext.readOnlyRootFilesystem must be true";

            var tmp = (container["volumeMounts"]?.AsArray() ?? []).FirstOrDefault(m => (string?)m!["mountPath"] == "/tmp");
            var tmpVolume = volumes.FirstOrDefault(v => (string?)v!["name"] == (string?)tmp?["name"]);
            if (tmp is null || tmpVolume?["emptyDir"] is null) yield return $"{id}: {at}.volumeMounts must mount an emptyDir on /tmp";

            var requests = container["resources"]?["requests"];
            var limits = container["resources"]?["limits"];
            if (requests?["cpu"] is null || requests?["memory"] is null || limits?["memory"] is null) yield return $"{id}: {at}.resources must set requests.cpu, requests.memory and limits.memory";

            var image = (string?)container["image"] ?? "";
            if (!ImmutableImage().IsMatch(image)) yield return $"{id}: {at}.image \"{image}\" must use an immutable tag (sha-<40 hex>, a version) or a digest, never latest";

            if (isServer)
            {
                foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                {
                    if (container[probe]?["httpGet"] is null) yield return $"{id}: {at}.{probe} must be an httpGet probe";
                }

                if ((string?)container["livenessProbe"]?["httpGet"]?["path"] != "/health") yield return $"{id}: {at}.livenessProbe.httpGet.path must be /health";
                if ((string?)container["startupProbe"]?["httpGet"]?["path"] != "/health") yield return $"{id}: {at}.startupProbe.httpGet.path must be /health";
            }
        }
    }

    // name@sha256:<64 hex>, or name:<tag> where the tag is sha-<40 hex> or a version, never latest.
    [GeneratedRegex(@"^[^@:\s]+(:[0-9]+)?(/[^@:\s]+)*(@sha256:[0-9a-f]{64}|:(sha-[0-9a-f]{40}|v?[0-9]+\.[0-9]+\.[0-9]+[-+.0-9A-Za-z]*))$")]
    private static partial Regex ImmutableImage();
}
