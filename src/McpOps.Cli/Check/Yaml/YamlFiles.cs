using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace McpOps.Cli.Check.Yaml;

/// <summary>Loads YAML with node positions; a malformed file becomes `path:line:column: invalid YAML: reason`.</summary>
internal static class YamlFiles
{
    public static IReadOnlyList<YamlDocument> Load(string path, string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            throw new UnreadableFileException($"{path}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML: {reason}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Duplicate keys, and a YamlDotNet scanner state error on some unterminated flow
            // collections: report where parsing had got to.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new UnreadableFileException($"{path}:{at.Line}:{at.Column}: invalid YAML: {ex.Message}");
        }

        return [.. stream.Documents];
    }

    public static YamlMappingNode? AsMap(this YamlNode? node) => node as YamlMappingNode;

    public static YamlSequenceNode? AsSequence(this YamlNode? node) => node as YamlSequenceNode;

    /// <summary>The scalar's text, or null for a mapping, a sequence or a missing node.</summary>
    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static YamlNode? Get(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            return null;
        }

        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The key node of <paramref name="key"/> (its line is where the entry starts).</summary>
    public static YamlNode? KeyNode(this YamlNode? node, string key) =>
        node is YamlMappingNode map ? map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) : null;

    public static YamlNode? Path(this YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            node = node.Get(key);
        }

        return node;
    }

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode seq ? seq.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children.Where(kv => kv.Key is YamlScalarNode).Select(kv => new KeyValuePair<string, YamlNode>(((YamlScalarNode)kv.Key).Value ?? "", kv.Value))
            : [];

    public static int Line(this YamlNode node) => (int)Math.Max(1, node.Start.Line);

    public static bool IsTrue(this YamlNode? node) => node.Text() is { } t && (t == "true" || t == "True" || t == "TRUE");

    public static bool IsFalse(this YamlNode? node) => node.Text() is { } t && (t == "false" || t == "False" || t == "FALSE");
}
