using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiAgent.Observability.Manifests;

/// <summary>A node of the description's YAML tree, with the 1-based line it starts on.</summary>
internal abstract class YamlTreeNode(int line)
{
    public int Line { get; } = line;

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

/// <summary>
/// Builds the tree from YamlDotNet's parser events. The representation model (<c>YamlStream</c>) would do, but it
/// throws at the first duplicate key; reading the events keeps going so every duplicate is reported with its line.
/// </summary>
internal static class YamlTree
{
    private const int MaxDepth = 64;
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>Reads one document. Syntax errors are returned as (line, message), never thrown.</summary>
    public static YamlTreeNode? Read(string text, out (int Line, string Message)? error)
    {
        error = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
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
        catch (YamlException e)
        {
            error = (ErrorLine(text, e), CleanMessage(e));
            return null;
        }
    }

    private static YamlTreeNode ReadNode(IParser parser, Dictionary<string, YamlTreeNode> anchors, int depth)
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
                if (!anchors.TryGetValue(alias.Value.Value, out node!))
                {
                    throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
                }

                parser.MoveNext();
                return node;
            case Scalar scalar:
                var plain = scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.Value != StrTag && scalar.Tag.Value != "!!str");
                node = new YamlTreeScalar(Line(scalar.Start), scalar.Value, plain);
                parser.MoveNext();
                break;
            case SequenceStart sequenceStart:
                var sequence = new YamlTreeSequence(Line(sequenceStart.Start));
                parser.MoveNext();
                while (parser.Current is not SequenceEnd)
                {
                    sequence.Items.Add(ReadNode(parser, anchors, depth + 1));
                }

                parser.MoveNext();
                node = sequence;
                break;
            case MappingStart mappingStart:
                var mapping = new YamlTreeMapping(Line(mappingStart.Start));
                parser.MoveNext();
                while (parser.Current is not MappingEnd)
                {
                    var key = ReadNode(parser, anchors, depth + 1);
                    var value = ReadNode(parser, anchors, depth + 1);
                    mapping.Entries.Add((key, value));
                }

                parser.MoveNext();
                node = mapping;
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors[anchored.Anchor.Value] = node;
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
}
