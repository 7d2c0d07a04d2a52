using MultiAgent.Observability.Alerting.Templates;

namespace MultiAgent.Observability.Alerting.Tests.Templates;

public sealed class AlertTemplateTests
{
    private static string Render(string text, double value = 0, params (string, string)[] labels)
    {
        var template = AlertTemplate.Parse(text, out var error) ?? throw new InvalidOperationException(error);
        var errors = 0;
        return template.Render([.. labels.Select(l => KeyValuePair.Create(l.Item1, l.Item2))], value, ref errors);
    }

    [Theory]
    [InlineData("{{ $value }}", 0.5, "0.5")]
    [InlineData("{{ $value }}", 1000000, "1e+06")]
    [InlineData("{{ $value }}", 123456, "123456")]
    [InlineData("{{ humanize $value }}", 1234567, "1.235M")]
    [InlineData("{{ $value | humanize }}", 0.0012, "1.2m")]
    [InlineData("{{ $value | humanize1024 }}", 2048, "2ki")]
    [InlineData("{{ $value | humanizeDuration }}", 3725, "1h 2m 5s")]
    [InlineData("{{ $value | humanizeDuration }}", 0.25, "250ms")]
    [InlineData("{{ $value | humanizePercentage }}", 0.256, "25.6%")]
    [InlineData("{{ printf \"%.2f\" $value }}", 3.14159, "3.14")]
    [InlineData("{{- $value -}} s", 2, "2s")]
    public void Render_PrometheusFunctions_SameTextAsGo(string text, double value, string expected)
    {
        Assert.Equal(expected, Render(text, value));
    }

    [Fact]
    public void Render_LabelsAndLiteralBraces()
    {
        Assert.Equal("agent a1 on {route}", Render("agent {{ $labels.agent_id }} on {route}", 0, ("agent_id", "a1")));
    }

    [Theory]
    [InlineData("{{ $labels.x ")]
    [InlineData("{{ nosuch $value }}")]
    [InlineData("{{ $other }}")]
    [InlineData("{{ }}")]
    public void Parse_BadTemplate_ErrorNotException(string text)
    {
        Assert.Null(AlertTemplate.Parse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Render_OriginalDesignsStrayBrace_IsText()
    {
        // str.format raised on this; here a single brace is text.
        Assert.Equal("cpu {high} 5", Render("cpu {high} {{ $value }}", 5));
    }
}
