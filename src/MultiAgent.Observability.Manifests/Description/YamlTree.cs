using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiAgent.Observability.Manifests;

/// <summary>A node of the description's YAML tree, with the 1-based line it starts on.</summary>
internal abstract class YamlTreeNode(int line)
{
    public int Line { get; } = line;

    /// <summary>Gets the node's size with every alias in it expanded.</summary>
    public YamlTreeSize ExpandedSize { get; internal set; }

    public abstract string Kind { get; }
}

/// <summary>A scalar: its text exactly as written (YAML 1.1 readers would turn <c>on</c> into a bool; this keeps "on").</summary>
internal sealed class YamlTreeScalar(int line, string value, bool plain) : YamlTreeNode(line)
{
    public string Value { get; } = value;

    /// <summary>Gets a value indicating whether the scalar was written without quotes and without a <c>!!str</c> tag.</summary>
    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "null" : Plain ? $"'{Value}'" : $"the string \"{Value}\"";
}

internal sealed class YamlTreeSequence(int line) : YamlTreeNode(line)
{
    public List<YamlTreeNode> Items { get; } = [];

    public override string Kind => "a list";
}

internal sealed class YamlTreeMapping(int line) : YamlTreeNode(line)
{
    public List<(YamlTreeNode Key, YamlTreeNode Value)> Entries { get; } = [];

    public override string Kind => "a mapping";
}

/// <summary>A size of a YAML tree with its aliases expanded: the nodes (keys, values, list items) and the characters of its scalars.</summary>
internal readonly record struct YamlTreeSize(long Values, long Characters)
{
    public static YamlTreeSize operator +(YamlTreeSize a, YamlTreeSize b) => new(a.Values + b.Values, a.Characters + b.Characters);

    public static YamlTreeSize operator -(YamlTreeSize a, YamlTreeSize b) => new(a.Values - b.Values, a.Characters - b.Characters);
}

/// <summary>
/// Builds the tree from YamlDotNet's parser events. The representation model (<c>YamlStream</c>) would do, but it
/// throws at the first duplicate key; reading the events keeps going so every duplicate is reported with its line.
/// </summary>
/// <remarks>
/// An alias shares its anchor's node, so the tree stays as small as the text; but everything after it (the model, the
/// validator, the rendered bundle) sees the value once per alias. One map of N entries aliased by N agents is N²
/// entries, so the size with aliases expanded is counted as the tree is read and bounded by <see cref="MaxValues"/> and
/// <see cref="MaxCharacters"/>. The value bound also bounds the work (and problems) of everything after the reader:
/// a 4 MiB file of one-character list items would otherwise be a million agents.
/// </remarks>
internal static class YamlTree
{
    /// <summary>The most values (keys, values, list items; an alias counts the values it repeats) a description may have: 50,000.</summary>
    public const long MaxValues = 50_000;

    /// <summary>The most scalar characters a description may have with its aliases expanded: 8 Mi, twice the 4 MiB file cap.</summary>
    public const long MaxCharacters = 2L * DescriptionFile.MaxBytes;

    private const int MaxDepth = 64;
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>Reads one document. Syntax errors are returned as (line, message), never thrown.</summary>
    public static YamlTreeNode? Read(string text, out (int Line, string Message)? error)
    {
        error = null;
        var parser = new Parser(new StringReader(text));
        try
        {
            var anchors = new Anchors();
            YamlTreeNode? root = null;
            var documents = 0;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart start:
                        documents++;
                        if (documents > 1)
                        {
                            error = (Line(start.Start), "the file has more than one YAML document; put the whole description in one");
                            return null;
                        }

                        break;
                    case NodeEvent:
                        root = ReadNode(parser, anchors, 0);
                        continue;
                }
            }

            return root;
        }
        catch (ExpansionLimitException e)
        {
            error = (e.Line, e.Message);
            return null;
        }
        catch (YamlException e)
        {
            error = (ErrorLine(text, e), CleanMessage(e));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed flow collections, such as
            // "x: [a,b: c\nd: [e]"; the last event it produced is as close to the mistake as it lets us get.
            error = (parser.Current is { } last ? Line(last.End) : 1, "YAML syntax error: a flow collection ('[...]' or '{...}') is not closed where it should be");
            return null;
        }
    }

    private static YamlTreeNode ReadNode(IParser parser, Anchors anchors, int depth)
    {
        var current = parser.Current!;
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"nesting deeper than {MaxDepth} levels");
        }

        YamlTreeNode node;
        switch (current)
        {
            case AnchorAlias alias:
                if (!anchors.Nodes.TryGetValue(alias.Value.Value, out node!))
                {
                    throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
                }

                anchors.Expand(node.ExpandedSize, alias);
                parser.MoveNext();
                return node;
            case Scalar scalar:
                var plain = scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.Value != StrTag && scalar.Tag.Value != "!!str");
                node = new YamlTreeScalar(Line(scalar.Start), scalar.Value, plain) { ExpandedSize = new(1, scalar.Value.Length) };
                anchors.Expand(node.ExpandedSize, scalar);
                parser.MoveNext();
                break;
            case SequenceStart sequenceStart:
                var sequence = new YamlTreeSequence(Line(sequenceStart.Start));
                var sequenceFrom = anchors.Expand(new(1, 0), sequenceStart);
                parser.MoveNext();
                while (parser.Current is not SequenceEnd)
                {
                    sequence.Items.Add(ReadNode(parser, anchors, depth + 1));
                }

                parser.MoveNext();
                sequence.ExpandedSize = anchors.Expanded - sequenceFrom;
                node = sequence;
                break;
            case MappingStart mappingStart:
                var mapping = new YamlTreeMapping(Line(mappingStart.Start));
                var mappingFrom = anchors.Expand(new(1, 0), mappingStart);
                parser.MoveNext();
                while (parser.Current is not MappingEnd)
                {
                    var key = ReadNode(parser, anchors, depth + 1);
                    var value = ReadNode(parser, anchors, depth + 1);
                    mapping.Entries.Add((key, value));
                }

                parser.MoveNext();
                mapping.ExpandedSize = anchors.Expanded - mappingFrom;
                node = mapping;
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors.Nodes[anchored.Anchor.Value] = node;
        }

        return node;
    }

    /// <summary>
    /// The line of a syntax error: where YamlDotNet says it starts, except for tabs, which it reports at the start of
    /// the enclosing mapping; the line users need is the one indented with the tab.
    /// </summary>
    private static int ErrorLine(string text, YamlException e)
    {
        var line = Line(e.Start);
        if (!e.Message.Contains("tab", StringComparison.Ordinal))
        {
            return line;
        }

        var lines = text.Split('\n');
        for (var i = line - 1; i < lines.Length; i++)
        {
            var indentation = lines[i].AsSpan(0, lines[i].Length - lines[i].AsSpan().TrimStart(" \t").Length);
            if (indentation.Contains('\t'))
            {
                return i + 1;
            }
        }

        return line;
    }

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static string CleanMessage(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the problem carries the line itself.
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0)
        {
            message = message[(marker + 3)..];
        }

        return "YAML syntax error: " + message.TrimEnd('.');
    }

    /// <summary>The anchors seen so far and the size of the document read so far with its aliases expanded.</summary>
    private sealed class Anchors
    {
        public Dictionary<string, YamlTreeNode> Nodes { get; } = new(StringComparer.Ordinal);

        public YamlTreeSize Expanded { get; private set; }

        /// <summary>Adds <paramref name="size"/> to the expanded size; returns the size before it.</summary>
        public YamlTreeSize Expand(YamlTreeSize size, ParsingEvent at)
        {
            var before = Expanded;
            Expanded += size;
            if (Expanded.Values > MaxValues)
            {
                throw Exceeded(at, size.Values, MaxValues, "values", "keys, values and list items, each alias counting the values it repeats");
            }

            if (Expanded.Characters > MaxCharacters)
            {
                throw Exceeded(at, size.Characters, MaxCharacters, "characters", "of text, each alias counting the text it repeats");
            }

            return before;
        }
    }

    private static ExpansionLimitException Exceeded(ParsingEvent at, long repeated, long limit, string unit, string counted)
    {
        var cause = at is AnchorAlias alias
            ? string.Create(CultureInfo.InvariantCulture, $"the alias '*{alias.Value.Value}' (repeating {repeated} {unit} of '&{alias.Value.Value}') takes the description")
            : "the description goes";
        return new ExpansionLimitException(
            Line(at.Start),
            string.Create(CultureInfo.InvariantCulture, $"{cause} past {limit} {unit} ({counted}), the most a system description may have"));
    }

    private sealed class ExpansionLimitException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }
}
