using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiAgent.Observability.Cli.Rules;

/// <summary>
/// The line of each group and rule of a rule file that has already loaded cleanly, so problems found after loading
/// (a rule the export refuses, a group defined twice) are reported as <c>file:line:</c> like the loader's own.
/// </summary>
internal sealed class RuleLocations
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private RuleLocations()
    {
    }

    /// <summary>Indexes the groups and rules of <paramref name="yaml"/>; a text that does not parse has no locations.</summary>
    public static RuleLocations Of(string yaml)
    {
        var locations = new RuleLocations();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return locations;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("groups"), out var groups) || groups is not YamlSequenceNode list)
        {
            return locations;
        }

        foreach (var group in list.OfType<YamlMappingNode>())
        {
            var name = Scalar(group, "name");
            if (name is null)
            {
                continue;
            }

            locations._lines.TryAdd(name, (int)group.Start.Line);
            if (group.Children.TryGetValue(new YamlScalarNode("rules"), out var rules) && rules is YamlSequenceNode ruleList)
            {
                foreach (var rule in ruleList.OfType<YamlMappingNode>())
                {
                    if (Scalar(rule, "alert") is { } alert)
                    {
                        locations._lines.TryAdd(name + "/" + alert, (int)rule.Start.Line);
                    }
                }
            }
        }

        return locations;
    }

    /// <summary>The line of a group.</summary>
    public int GroupLine(string group) => _lines.GetValueOrDefault(group);

    /// <summary>The line of the rule a message of the form <c>group/rule: reason</c> is about (the export's form), or 0.</summary>
    public int LineOfMessage(string message)
    {
        var best = 0;
        var length = 0;
        foreach (var (key, line) in _lines)
        {
            // The longest key that prefixes the message wins: a group called "a" must not claim "a/b: ..." of group "a/b".
            if (key.Length > length && message.StartsWith(key + ": ", StringComparison.Ordinal))
            {
                (best, length) = (line, key.Length);
            }
        }

        return best;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text } ? text : null;
}
