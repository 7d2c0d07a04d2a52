using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>Reads typed values from the YAML tree, reporting wrong types, unknown and duplicate keys where they are.</summary>
internal sealed partial class DescriptionReader
{

    private List<KeyValuePair<string, string>> Pairs(string parentPath, Dictionary<string, YamlTreeNode> keys, string key, bool allowList)
    {
        var path = DescriptionPath.Key(parentPath, key);
        var pairs = new List<KeyValuePair<string, string>>();
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return pairs;
        }

        if (allowList && node is YamlTreeSequence sequence)
        {
            // Kubernetes' own shape: [{name: X, value: "1"}].
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var itemPath = DescriptionPath.Index(path, i);
                Note(itemPath, sequence.Items[i]);
                if (Mapping(sequence.Items[i], itemPath) is not { } item)
                {
                    continue;
                }

                var itemKeys = Fields(item, itemPath, DescriptionKeys.EnvironmentItem);
                var name = String(itemKeys, itemPath, "name");
                if (name is null)
                {
                    Problem(DescriptionPath.Key(itemPath, "name"), "the variable name is required");
                    continue;
                }

                _lines.TryAdd(DescriptionPath.Key(path, name), sequence.Items[i].Line);
                pairs.Add(new(name, String(itemKeys, itemPath, "value") ?? ""));
            }

            return pairs;
        }

        if (Mapping(node, path, allowList ? "a mapping of names to values, or a list of {name, value}" : "a mapping of names to values") is not { } mapping)
        {
            return pairs;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar keyScalar)
            {
                Problem(path, $"a key must be a plain name, not {keyNode.Kind}", keyNode.Line);
                continue;
            }

            var itemPath = DescriptionPath.Key(path, keyScalar.Value);
            if (!seen.Add(keyScalar.Value))
            {
                Problem(itemPath, $"duplicate key '{keyScalar.Value}'", keyNode.Line);
                continue;
            }

            Note(itemPath, keyNode);
            if (valueNode is YamlTreeScalar value)
            {
                // Every scalar keeps its text: `FEATURE: on` is the string "on", `RETRIES: 007` is "007".
                pairs.Add(new(keyScalar.Value, value.IsNull && value.Value.Length == 0 ? "" : value.Value));
            }
            else
            {
                WrongType(itemPath, valueNode, "a text value");
            }
        }

        return pairs;
    }

    private List<string> Strings(string parentPath, Dictionary<string, YamlTreeNode> keys, string key)
    {
        var path = DescriptionPath.Key(parentPath, key);
        var strings = new List<string>();
        if (!Sequence(keys, key, out var items, path))
        {
            return strings;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = DescriptionPath.Index(path, i);
            Note(itemPath, items[i]);
            if (items[i] is YamlTreeScalar { IsNull: false } scalar)
            {
                strings.Add(scalar.Value);
            }
            else
            {
                WrongType(itemPath, items[i], "a text value");
                strings.Add("");
            }
        }

        return strings;
    }

    private Dictionary<string, YamlTreeNode>? Child(Dictionary<string, YamlTreeNode> parent, string path, string[] known)
    {
        var key = LastKey(path);
        if (!parent.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        return Mapping(node, path) is { } mapping ? Fields(mapping, path, known) : null;
    }

    private static string LastKey(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private bool Sequence(Dictionary<string, YamlTreeNode> keys, string key, out List<YamlTreeNode> items, string path)
    {
        items = [];
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return false;
        }

        if (node is YamlTreeSequence sequence)
        {
            items = sequence.Items;
            return true;
        }

        WrongType(path, node, "a list");
        return false;
    }

    private YamlTreeMapping? Mapping(YamlTreeNode node, string path, string expected = "a mapping (key: value pairs)")
    {
        if (node is YamlTreeMapping mapping)
        {
            return mapping;
        }

        WrongType(path, node, expected);
        return null;
    }

    /// <summary>Checks the keys of a mapping: unknown (with did-you-mean), duplicate, or not text.</summary>
    private Dictionary<string, YamlTreeNode> Fields(YamlTreeMapping mapping, string path, string[] known)
    {
        var fields = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar { IsNull: false } key)
            {
                Problem(path, $"a key must be a name, not {keyNode.Kind}", keyNode.Line);
                continue;
            }

            var keyPath = DescriptionPath.Key(path, key.Value);
            if (Array.IndexOf(known, key.Value) < 0)
            {
                var hint = key.Value switch
                {
                    "<<" => "; merge keys are not supported",

                    // Python deployments passed the config as a dict named system_config; the file is that dict.
                    "system_config" when path.Length == 0 => "; the file is the system_config itself: move its keys (agents, ...) to the top level",
                    _ => Suggestions.DidYouMean(Suggestions.Closest(key.Value, known)),
                };
                var list = hint.Length == 0 ? $"; known keys: {string.Join(", ", known)}" : hint;
                Problem(keyPath, $"unknown key '{key.Value}'{list}", keyNode.Line);
                continue;
            }

            if (fields.ContainsKey(key.Value))
            {
                Problem(keyPath, $"duplicate key '{key.Value}' (line {Suggestions.Number(_lines.GetValueOrDefault(keyPath))} already sets it)", keyNode.Line);
                continue;
            }

            fields.Add(key.Value, valueNode);
            Note(keyPath, keyNode);
        }

        return fields;
    }

    private string? String(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        if (node is YamlTreeScalar scalar)
        {
            return scalar.Value;
        }

        WrongType(DescriptionPath.Key(parentPath, key), node, "a text value");
        return null;
    }

    private int? Int(Dictionary<string, YamlTreeNode> keys, string parentPath, string key) =>
        keys.TryGetValue(key, out var node) && node is not YamlTreeScalar { IsNull: true }
            ? Int(node, DescriptionPath.Key(parentPath, key))
            : null;

    private int? Int(YamlTreeNode node, string path)
    {
        if (node is YamlTreeScalar { Plain: true } scalar && IsInteger(scalar.Value))
        {
            if (int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Problem(path, $"{scalar.Value} is too large", node.Line);
            return null;
        }

        WrongType(path, node, "a whole number");
        return null;
    }

    private double? Double(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        if (node is YamlTreeScalar { Plain: true } scalar
            && double.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        WrongType(DescriptionPath.Key(parentPath, key), node, "a number");
        return null;
    }

    private bool? Bool(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        var path = DescriptionPath.Key(parentPath, key);
        if (node is YamlTreeScalar { Plain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
                case "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                    Problem(path, $"'{scalar.Value}' is a boolean only in YAML 1.1; did you mean 'true'?", node.Line);
                    return null;
                case "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                    Problem(path, $"'{scalar.Value}' is a boolean only in YAML 1.1; did you mean 'false'?", node.Line);
                    return null;
            }
        }

        WrongType(path, node, "true or false");
        return null;
    }

    private TimeSpan? Duration(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        var path = DescriptionPath.Key(parentPath, key);
        if (node is YamlTreeScalar scalar)
        {
            if (Durations.TryParse(scalar.Value, out var value))
            {
                return value;
            }

            var suggestion = IsInteger(scalar.Value) ? scalar.Value + "s" : null;
            Problem(path, $"'{scalar.Value}' is not a duration such as '500ms', '30s', '5m' or '1h'{Suggestions.DidYouMean(suggestion)}", node.Line);
            return null;
        }

        WrongType(path, node, "a duration such as '30s'");
        return null;
    }

    private static bool IsInteger(string text)
    {
        var start = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        return text.Length > start && text.AsSpan(start).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private void WrongType(string path, YamlTreeNode node, string expected) =>
        Problem(path, $"expected {expected}, got {node.Kind}", node.Line);

    private void Note(string path, YamlTreeNode node) => _lines.TryAdd(path, node.Line);

    private void Problem(string path, string message, int? line = null)
    {
        _reported.Add(path);
        _problems.Add(new DescriptionProblem(path, message) { Line = line });
    }
}
