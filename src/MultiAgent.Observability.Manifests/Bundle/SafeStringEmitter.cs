using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Double-quotes every string a YAML 1.1 or 1.2 reader could resolve to a non-string: null and boolean words
/// (<c>~</c>, <c>null</c>, <c>y</c>, <c>no</c>, <c>on</c>, <c>off</c>…), anything that starts like a number, date or
/// base-60 value (<c>0x1F</c>, <c>0777</c>, <c>1e3</c>, <c>1:30</c>, <c>2026-11-24</c>), <c>.inf</c>/<c>.nan</c>,
/// and the merge and value keys (<c>&lt;&lt;</c>, <c>=</c>). Multi-line strings become literal blocks.
/// A string that starts with a digit is quoted unless it holds a character no YAML number, date or base-60 value
/// can contain (so <c>30s</c> and <c>250m</c> stay plain). Over-quoting (a version such as <c>"2.0.0"</c>) is
/// harmless; under-quoting changes a value's type.
/// </summary>
internal sealed partial class SafeStringEmitter(IEventEmitter next) : ChainedEventEmitter(next)
{
    public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
    {
        if (eventInfo.Source.Value is string value)
        {
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                eventInfo.Style = ScalarStyle.Literal;
            }
            else if (NeedsQuotes(value))
            {
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            }
        }

        base.Emit(eventInfo, emitter);
    }

    internal static bool NeedsQuotes(string value) => value.Length == 0 || Ambiguous().IsMatch(value);

    [GeneratedRegex(
        @"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<|=|[-+]?\.?[0-9][0-9a-fA-FxXoO_.:+\-TtZz ]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Ambiguous();
}
