using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiAgent.Observability.Alerting.Export;

/// <summary>Writes YAML through YamlDotNet's emitter (no reflection), quoting every string a YAML 1.1 reader could take for another type.</summary>
internal sealed class YamlWriter : IDisposable
{
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
    private readonly Emitter _emitter;

    public YamlWriter()
    {
        _emitter = new Emitter(_text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    public YamlWriter BeginMap()
    {
        _emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        return this;
    }

    public YamlWriter EndMap()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlWriter BeginList(string key)
    {
        Key(key);
        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        return this;
    }

    public YamlWriter EndList()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    public YamlWriter Key(string key) => String(key);

    public YamlWriter Field(string key, string? value) => value is null ? this : Key(key).String(value);

    public YamlWriter Number(string key, long value)
    {
        Key(key);
        _emitter.Emit(new Scalar(null, null, value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
        return this;
    }

    public YamlWriter Map(string key, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var sorted = entries.OrderBy(static e => e.Key, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return this;
        }

        Key(key).BeginMap();
        foreach (var (name, value) in sorted)
        {
            Field(name, value);
        }

        return EndMap();
    }

    public string Finish()
    {
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
        return _text.ToString();
    }

    public void Dispose() => _text.Dispose();

    private YamlWriter String(string value)
    {
        var style = NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        _emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
        return this;
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 ||
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
        value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~" ||
        value.Contains(':', StringComparison.Ordinal) && value.Length <= 8 && value.All(static c => char.IsAsciiDigit(c) || c == ':');
}
