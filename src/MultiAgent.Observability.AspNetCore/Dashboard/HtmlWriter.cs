using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace MultiAgent.Observability.AspNetCore.Dashboard;

/// <summary>
/// Builds the page. Markup goes in with <see cref="Raw"/> (constant text only); every value goes in with
/// <c>Text</c> or <c>Attribute</c>, which HTML-encode it, and numbers are formatted invariantly.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(16 * 1024);
    private readonly HtmlEncoder _encoder = HtmlEncoder.Default;

    public HtmlWriter Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public HtmlWriter Text(string? value)
    {
        _html.Append(_encoder.Encode(value ?? string.Empty));
        return this;
    }

    public HtmlWriter Text(double value, string format) => Text(value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>Writes <c> name="value"</c> with the value encoded.</summary>
    public HtmlWriter Attribute(string name, string? value)
    {
        _html.Append(' ').Append(name).Append("=\"").Append(_encoder.Encode(value ?? string.Empty)).Append('"');
        return this;
    }

    public HtmlWriter Attribute(string name, double value, string format = "0.##") =>
        Attribute(name, value.ToString(format, CultureInfo.InvariantCulture));

    public override string ToString() => _html.ToString();
}
