// The MSBuild task TemplatePack.csproj runs at pack time (RoslynCodeTaskFactory: one file, BCL only, so
// the manifest is read with the framework's JSON-as-XML reader). It writes every pinned version a packed
// template file holds from eng/pins.json, in the places the templates write them and mcpops's PinScanner
// reads them (src/McpOps.Cli/Pins/PinScanner.cs; PinsManifestTests checks that the packed output then
// holds only manifest versions, so a place this task misses fails the tests instead of shipping):
//   Dockerfile FROM name:tag (a ${ARG} in the tag: the ARG default), `image: name:tag`,
//   `uses: owner/repo@sha # tag`, `NAME_VERSION:` / `node-version:` / `dotnet-version:` and an action's
//   `version:` input, package.json dependencies and engines.node, Directory.Packages.props
//   PackageVersion, global.json sdk.version;
// and the pack version into the "$(Version)" of the templates' traces `mcpops upgrade` reads: mcpops.module.json's
// "template" section and each template's .mcpops/instances/<short name>.json.
// Output: for each changed file a stamped copy under StampFolder, as a package file at the same package path.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class StampPins : Task
{
    [Required] public string Manifest { get; set; }
    [Required] public string Version { get; set; }
    [Required] public string StampFolder { get; set; }
    [Required] public ITaskItem[] Files { get; set; }
    [Output] public ITaskItem[] Replaced { get; set; }
    [Output] public ITaskItem[] Stamped { get; set; }

    private readonly Dictionary<string, string> _images = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _actions = new Dictionary<string, string[]>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tools = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _npm = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nuget = new Dictionary<string, string>(StringComparer.Ordinal);

    public override bool Execute()
    {
        ReadManifest();
        var replaced = new List<ITaskItem>();
        var stamped = new List<ITaskItem>();
        var versionHolders = 0;
        foreach (var file in Files)
        {
            var name = Path.GetFileName(file.ItemSpec);
            var source = File.ReadAllText(file.ItemSpec);
            string text;
            if (name == "mcpops.module.json" || IsInstanceTrace(file))
            {
                versionHolders += name == "mcpops.module.json" ? 1 : 0;
                if (!source.Contains("\"$(Version)\""))
                {
                    Log.LogError(file.ItemSpec + " has no \"version\": \"$(Version)\" (the template's trace) for the pack to stamp: put it back (docs/upgrade.md).");
                    continue;
                }

                text = source.Replace("\"$(Version)\"", "\"" + Version + "\"");
            }
            else if (name == "Dockerfile" || name.EndsWith(".Dockerfile", StringComparison.Ordinal)) text = Dockerfile(source);
            else if (name == "package.json") text = PackageJson(source);
            else if (name == "Directory.Packages.props") text = PackagesProps(source);
            else if (name == "global.json") text = GlobalJson(source);
            else if (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)) text = Yaml(source);
            else continue;

            if (text == source)
            {
                continue;
            }

            var packagePath = PackagePath(file);
            var copy = Path.Combine(StampFolder, packagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(copy));
            if (!File.Exists(copy) || File.ReadAllText(copy) != text)
            {
                File.WriteAllText(copy, text, new UTF8Encoding(false));
            }

            replaced.Add(file);
            var item = new TaskItem(copy);
            // The folder, not the file: NuGet reads a package path without an extension (Dockerfile) as a folder.
            item.SetMetadata("PackagePath", packagePath.Substring(0, packagePath.LastIndexOf('/') + 1));
            item.SetMetadata("BuildAction", file.GetMetadata("BuildAction"));
            stamped.Add(item);
        }

        if (versionHolders == 0)
        {
            Log.LogError("no mcpops.module.json among the packed files: the mcp-module templates must write their pack version into one (docs/upgrade.md).");
        }

        Replaced = replaced.ToArray();
        Stamped = stamped.ToArray();
        return !Log.HasLoggedErrors;
    }

    // A PackagePath that ends in '/' is a folder: NuGet appends the file's path below the include's wildcard.
    /// <summary>A template's own trace, .mcpops/instances/&lt;short name&gt;.json (docs/upgrade.md).</summary>
    private static bool IsInstanceTrace(ITaskItem file) =>
        file.ItemSpec.Replace('\\', '/').Contains("/.mcpops/instances/") && file.ItemSpec.EndsWith(".json", StringComparison.Ordinal);

    private static string PackagePath(ITaskItem file)
    {
        var packagePath = file.GetMetadata("PackagePath");
        if (!packagePath.EndsWith("/", StringComparison.Ordinal))
        {
            return packagePath;
        }

        var recursive = file.GetMetadata("NuGetRecursiveDir");
        if (recursive.Length == 0) recursive = file.GetMetadata("RecursiveDir");
        return packagePath + recursive.Replace('\\', '/') + Path.GetFileName(file.ItemSpec);
    }

    private void ReadManifest()
    {
        var bytes = File.ReadAllBytes(Manifest);
        using (var reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
        {
            var root = XElement.Load(reader);
            foreach (var image in Entries(root, "images")) _images[Text(image, "name")] = Text(image, "tag");
            foreach (var action in Entries(root, "actions")) _actions[Text(action, "name")] = new[] { Text(action, "sha"), Text(action, "tag") };
            foreach (var tool in Entries(root, "tools")) _tools[Text(tool, "name")] = Text(tool, "version");
            foreach (var package in Entries(root, "npm")) _npm[Text(package, "name")] = Text(package, "version");
            foreach (var package in Entries(root, "nuget")) _nuget[Text(package, "name")] = Text(package, "version");
        }
    }

    private static IEnumerable<XElement> Entries(XElement root, string section) =>
        root.Element(section) is XElement array ? array.Elements() : Enumerable.Empty<XElement>();

    // Keys that are not XML names (none today) are written as <a:item item="key">: read both forms.
    private static string Text(XElement entry, string key) =>
        (string)entry.Element(key) ?? (string)entry.Elements().FirstOrDefault(e => (string)e.Attribute("item") == key) ?? "";

    private string Dockerfile(string text)
    {
        var lines = text.Split('\n');
        var arguments = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var argument = Regex.Match(lines[i], @"^(\s*ARG\s+)([A-Za-z_][A-Za-z0-9_]*)=(\S+?)(\r?)$");
            if (argument.Success)
            {
                arguments[argument.Groups[2].Value] = i;
                continue;
            }

            var from = Regex.Match(lines[i], @"^(\s*FROM\s+(?:--platform=\S+\s+)?)([^\s:@]+(?::[0-9]+)?(?:/[^\s:@]+)*):(\S+)(.*)$", RegexOptions.IgnoreCase);
            if (!from.Success || !_images.TryGetValue(from.Groups[2].Value, out var tag))
            {
                continue;
            }

            var written = from.Groups[3].Value;
            var variable = Regex.Match(written, @"^(.*)\$\{([A-Za-z_][A-Za-z0-9_]*)\}(.*)$");
            if (!variable.Success)
            {
                lines[i] = from.Groups[1].Value + from.Groups[2].Value + ":" + tag + from.Groups[4].Value;
            }
            else if (arguments.TryGetValue(variable.Groups[2].Value, out var line)
                && tag.StartsWith(variable.Groups[1].Value, StringComparison.Ordinal) && tag.EndsWith(variable.Groups[3].Value, StringComparison.Ordinal)
                && tag.Length >= variable.Groups[1].Length + variable.Groups[3].Length)
            {
                // FROM node:${NODE_VERSION}-trixie-slim and the pin node:26.12.1-trixie-slim: the ARG default is 26.12.1.
                var value = tag.Substring(variable.Groups[1].Length, tag.Length - variable.Groups[1].Length - variable.Groups[3].Length);
                lines[line] = Regex.Replace(lines[line], @"^(\s*ARG\s+[A-Za-z_][A-Za-z0-9_]*=)\S+?(\r?)$", m => m.Groups[1].Value + value + m.Groups[2].Value);
            }
        }

        return string.Join("\n", lines);
    }

    private string Yaml(string text)
    {
        var lines = text.Split('\n');
        string lastAction = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("#", StringComparison.Ordinal) || line.Contains("${") || line.Contains("{{"))
            {
                continue;
            }

            var uses = Regex.Match(line, @"^(\s*(?:-\s+)?uses:\s*)([^@\s]+)@(\S+)(\s+#\s*)(\S+)(.*)$");
            if (uses.Success)
            {
                lastAction = uses.Groups[2].Value;
                if (_actions.TryGetValue(lastAction, out var pin))
                {
                    lines[i] = uses.Groups[1].Value + lastAction + "@" + pin[0] + uses.Groups[4].Value + pin[1] + uses.Groups[6].Value;
                }

                continue;
            }

            var image = Regex.Match(line, @"^(\s*(?:-\s+)?image:\s*[""']?)([^\s""':]+(?:/[^\s""':]+)*):([^\s""']+)([""']?\s*\r?)$");
            if (image.Success)
            {
                if (_images.TryGetValue(image.Groups[2].Value, out var tag))
                {
                    lines[i] = image.Groups[1].Value + image.Groups[2].Value + ":" + tag + image.Groups[4].Value;
                }

                continue;
            }

            var setting = Regex.Match(line, @"^(\s*(?:-\s+)?)([A-Z][A-Z0-9_]*_VERSION|node-version|dotnet-version|version)(:\s*[""']?)(v?[0-9][0-9A-Za-z.\-+]*)([""']?\s*\r?)$");
            if (setting.Success)
            {
                var key = setting.Groups[2].Value;
                var name = key == "version" ? lastAction + " version" : key;
                if ((key != "version" || lastAction != null) && _tools.TryGetValue(name, out var version))
                {
                    lines[i] = setting.Groups[1].Value + key + setting.Groups[3].Value + version + setting.Groups[5].Value;
                }
            }
        }

        return string.Join("\n", lines);
    }

    // Line-wise, so the file keeps its layout: a dependency is one `"name": "range"` line inside a dependencies section.
    private string PackageJson(string text)
    {
        var lines = text.Split('\n');
        string section = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Regex.Match(lines[i], @"^\s*""([A-Za-z]+)"":\s*\{\s*\r?$");
            if (open.Success)
            {
                section = open.Groups[1].Value;
                continue;
            }

            if (Regex.IsMatch(lines[i], @"^\s*\},?\s*\r?$"))
            {
                section = null;
                continue;
            }

            var entry = Regex.Match(lines[i], @"^(\s*""([^""]+)"":\s*"")([^""]*)("".*)$");
            if (!entry.Success)
            {
                continue;
            }

            string pinned = null;
            if (section == "dependencies" || section == "devDependencies" || section == "optionalDependencies" || section == "peerDependencies")
            {
                _npm.TryGetValue(entry.Groups[2].Value, out pinned);
            }
            else if (section == "engines" && entry.Groups[2].Value == "node")
            {
                _tools.TryGetValue("engines.node", out pinned);
            }

            if (pinned != null)
            {
                lines[i] = entry.Groups[1].Value + pinned + entry.Groups[4].Value;
            }
        }

        return string.Join("\n", lines);
    }

    private string PackagesProps(string text) =>
        Regex.Replace(text, @"(<PackageVersion\s+Include=""([^""]+)""\s+Version="")([^""$]*)("")", m =>
            _nuget.TryGetValue(m.Groups[2].Value, out var version) ? m.Groups[1].Value + version + m.Groups[4].Value : m.Value);

    private string GlobalJson(string text) =>
        _tools.TryGetValue("global.json sdk", out var version)
            ? Regex.Replace(text, @"(""sdk""\s*:\s*\{[^}]*?""version""\s*:\s*"")([^""]*)("")", m => m.Groups[1].Value + version + m.Groups[3].Value)
            : text;
}
