using System.Globalization;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>
/// Maps OpenTelemetry-style instrument and tag names to Prometheus names, following the simple part of the
/// OpenTelemetry to Prometheus compatibility rules: every character outside <c>[a-zA-Z0-9_:]</c> becomes <c>_</c>,
/// runs of <c>_</c> collapse into one, a leading digit gets a <c>_</c> prefix, and the units <c>s</c>, <c>ms</c> and
/// <c>By</c> append <c>_seconds</c>, <c>_milliseconds</c> and <c>_bytes</c> unless the name already ends so.
/// Other units (<c>{token}</c>, <c>1</c>, …) add nothing; counters get <c>_total</c> from the exposition writer.
/// </summary>
internal static class BridgeNaming
{
    /// <summary>Gets the metric name of an instrument: <c>gen_ai.client.token.usage</c> → <c>gen_ai_client_token_usage</c>, <c>dotnet.process.cpu.time</c> (s) → <c>dotnet_process_cpu_time_seconds</c>.</summary>
    public static string MetricName(string instrumentName, string? unit)
    {
        var name = Sanitize(instrumentName, allowColon: true, collapse: true);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => null,
        };
        return suffix is null || name.EndsWith(suffix, StringComparison.Ordinal) ? name : name + suffix;
    }

    /// <summary>Gets the label name of a tag: <c>gen_ai.request.model</c> → <c>gen_ai_request_model</c>; a leading <c>__</c> (reserved) is cut to <c>_</c>.</summary>
    public static string LabelName(string tagName)
    {
        var name = Sanitize(tagName, allowColon: false, collapse: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "_" + name.TrimStart('_') : name;
    }

    /// <summary>Gets a tag value as label text: strings as they are, numbers and dates in the invariant culture, null as empty.</summary>
    public static string LabelValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Turns an agent tag's value into a valid agent id (invalid characters become <c>_</c>), or null when nothing is left.</summary>
    public static string? AgentIdFrom(object? value)
    {
        var text = LabelValue(value);
        if (AgentId.Validate(text) is null)
        {
            return text;
        }

        var start = 0;
        while (start < text.Length && !char.IsAsciiLetterOrDigit(text[start]))
        {
            start++;
        }

        if (start == text.Length)
        {
            return null;
        }

        var length = Math.Min(text.Length - start, AgentId.MaxLength);
        return string.Create(length, (text, start), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[state.start + i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_';
            }
        });
    }

    private static string Sanitize(string name, bool allowColon, bool collapse)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var clean = !char.IsAsciiDigit(name[0]);
        for (var i = 0; clean && i < name.Length; i++)
        {
            var c = name[i];
            clean = IsNameChar(c, allowColon) && !(collapse && c == '_' && i > 0 && name[i - 1] == '_');
        }

        if (clean)
        {
            return name;
        }

        var builder = new System.Text.StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            var mapped = IsNameChar(c, allowColon) ? c : '_';
            if (!(collapse && mapped == '_' && builder.Length > 0 && builder[^1] == '_'))
            {
                builder.Append(mapped);
            }
        }

        return builder.ToString();
    }

    private static bool IsNameChar(char c, bool allowColon) => char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
}
