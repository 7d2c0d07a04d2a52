using MultiAgent.Observability.Alerting.Templates;
using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Alerting.Expressions;

/// <summary>
/// Parses and prints the PromQL subset a rule expression may use:
/// <c>name{l="v",l!="v",l=~"re",l!~"re"} op N</c>, <c>rate|increase|delta|deriv(sel[d]) op N</c>,
/// <c>absent(sel)</c> and <c>absent_over_time(sel[d])</c>. Anything else is refused with the reason.
/// </summary>
internal static class ExpressionParser
{
    /// <summary>Parses <paramref name="text"/>; returns null with <paramref name="error"/> set when it is not in the subset.</summary>
    public static RuleExpression? Parse(string text, out string? error)
    {
        var cursor = new Cursor(text);
        try
        {
            var expression = ParseExpression(ref cursor);
            cursor.SkipSpace();
            if (!cursor.AtEnd)
            {
                throw cursor.Fail($"unexpected '{cursor.Rest}'");
            }

            error = null;
            return expression;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Writes the expression as PromQL that Prometheus evaluates the same way.</summary>
    public static string Print(RuleExpression expression)
    {
        var text = new StringBuilder();
        var function = expression.Function switch
        {
            ExpressionFunction.Rate => "rate",
            ExpressionFunction.Increase => "increase",
            ExpressionFunction.Delta => "delta",
            ExpressionFunction.Deriv => "deriv",
            ExpressionFunction.Absent => "absent",
            ExpressionFunction.AbsentOverTime => "absent_over_time",
            _ => null,
        };
        if (function is not null)
        {
            text.Append(function).Append('(');
        }

        text.Append(expression.Metric);
        if (expression.Matchers.Count > 0)
        {
            text.Append('{');
            for (var i = 0; i < expression.Matchers.Count; i++)
            {
                var matcher = expression.Matchers[i];
                text.Append(i == 0 ? string.Empty : ", ").Append(matcher.Name).Append(matcher.Operator);
                AppendQuoted(text, matcher.Value);
            }

            text.Append('}');
        }

        if (expression.IsRange)
        {
            text.Append('[').Append(PromDuration.Format(expression.Window)).Append(']');
        }

        if (function is not null)
        {
            text.Append(')');
        }

        if (expression.Comparison != Comparison.None)
        {
            text.Append(' ').Append(RuleExpression.Symbol(expression.Comparison)).Append(' ').Append(GoFloat.Format(expression.Threshold));
        }

        return text.ToString();
    }

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }

    private static RuleExpression ParseExpression(ref Cursor cursor)
    {
        cursor.SkipSpace();
        var name = cursor.ReadIdentifier() ?? throw cursor.Fail("expected a metric name or a function");
        cursor.SkipSpace();
        var function = ExpressionFunction.Instant;
        if (cursor.Peek == '(')
        {
            function = name switch
            {
                "rate" => ExpressionFunction.Rate,
                "increase" => ExpressionFunction.Increase,
                "delta" => ExpressionFunction.Delta,
                "deriv" => ExpressionFunction.Deriv,
                "absent" => ExpressionFunction.Absent,
                "absent_over_time" => ExpressionFunction.AbsentOverTime,
                _ => throw cursor.Fail($"function '{name}' is not supported (supported: rate, increase, delta, deriv, absent, absent_over_time)"),
            };
            cursor.Advance();
            cursor.SkipSpace();
            name = cursor.ReadIdentifier() ?? throw cursor.Fail("expected a metric name");
        }

        if (PrometheusNaming.ValidateMetricName(name) is { } nameError)
        {
            throw cursor.Fail(nameError);
        }

        var matchers = ParseMatchers(ref cursor);
        var window = TimeSpan.Zero;
        cursor.SkipSpace();
        var needsWindow = function is not (ExpressionFunction.Instant or ExpressionFunction.Absent);
        if (cursor.Peek == '[')
        {
            if (!needsWindow)
            {
                throw cursor.Fail(function == ExpressionFunction.Instant
                    ? "a range selector needs a function (rate, increase, delta, deriv, absent_over_time)"
                    : "absent() takes an instant selector; use absent_over_time() for a window");
            }

            cursor.Advance();
            var close = cursor.Text.IndexOf(']', cursor.Position);
            if (close < 0)
            {
                throw cursor.Fail("missing ']'");
            }

            var durationText = cursor.Text[cursor.Position..close].Trim();
            window = PromDuration.Parse(durationText, out var durationError) ?? throw cursor.Fail(durationError!);
            if (window <= TimeSpan.Zero)
            {
                throw cursor.Fail("the range must be positive");
            }

            cursor.Position = close + 1;
        }
        else if (needsWindow)
        {
            throw cursor.Fail($"{name} needs a range, as in [5m]");
        }

        if (function != ExpressionFunction.Instant)
        {
            cursor.SkipSpace();
            if (cursor.Peek != ')')
            {
                throw cursor.Fail("expected ')'");
            }

            cursor.Advance();
        }

        cursor.SkipSpace();
        var comparison = ReadComparison(ref cursor);
        var threshold = 0.0;
        if (comparison != Comparison.None)
        {
            if (function is ExpressionFunction.Absent or ExpressionFunction.AbsentOverTime)
            {
                throw cursor.Fail("absent() and absent_over_time() take no comparison");
            }

            cursor.SkipSpace();
            if (cursor.Rest.StartsWith("bool", StringComparison.Ordinal))
            {
                throw cursor.Fail("'bool' comparisons are not supported: an alert needs a filtering comparison");
            }

            threshold = cursor.ReadNumber() ?? throw cursor.Fail("expected a number after the comparison");
        }
        else if (function is not (ExpressionFunction.Absent or ExpressionFunction.AbsentOverTime))
        {
            throw cursor.Fail("expected a comparison with a number (>, <, >=, <=, ==, !=)");
        }

        return new RuleExpression
        {
            Metric = name,
            Matchers = matchers,
            Function = function,
            Window = window,
            Comparison = comparison,
            Threshold = threshold,
        };
    }

    private static List<LabelMatcher> ParseMatchers(ref Cursor cursor)
    {
        var matchers = new List<LabelMatcher>();
        cursor.SkipSpace();
        if (cursor.Peek != '{')
        {
            return matchers;
        }

        cursor.Advance();
        while (true)
        {
            cursor.SkipSpace();
            if (cursor.Peek == '}')
            {
                cursor.Advance();
                return matchers;
            }

            var label = cursor.ReadIdentifier() ?? throw cursor.Fail("expected a label name");
            if (label.Contains(':', StringComparison.Ordinal) || label == "__name__")
            {
                throw cursor.Fail($"'{label}' cannot be matched here");
            }

            cursor.SkipSpace();
            var type = cursor.Rest switch
            {
                var r when r.StartsWith("=~", StringComparison.Ordinal) => LabelMatchType.Regex,
                var r when r.StartsWith("!~", StringComparison.Ordinal) => LabelMatchType.NotRegex,
                var r when r.StartsWith("!=", StringComparison.Ordinal) => LabelMatchType.NotEqual,
                var r when r.StartsWith('=') => LabelMatchType.Equal,
                _ => throw cursor.Fail($"expected =, !=, =~ or !~ after '{label}'"),
            };
            cursor.Position += type == LabelMatchType.Equal ? 1 : 2;
            cursor.SkipSpace();
            var value = cursor.ReadString() ?? throw cursor.Fail($"expected a quoted value for '{label}'");
            try
            {
                matchers.Add(new LabelMatcher(label, type, value));
            }
            catch (ArgumentException e)
            {
                throw cursor.Fail($"label '{label}': invalid regular expression: {e.Message}");
            }

            cursor.SkipSpace();
            if (cursor.Peek == ',')
            {
                cursor.Advance();
            }
            else if (cursor.Peek != '}')
            {
                throw cursor.Fail("expected ',' or '}'");
            }
        }
    }

    private static Comparison ReadComparison(ref Cursor cursor)
    {
        var rest = cursor.Rest;
        (Comparison Op, int Length) found = rest switch
        {
            var r when r.StartsWith(">=", StringComparison.Ordinal) => (Comparison.GreaterOrEqual, 2),
            var r when r.StartsWith("<=", StringComparison.Ordinal) => (Comparison.LessOrEqual, 2),
            var r when r.StartsWith("==", StringComparison.Ordinal) => (Comparison.Equal, 2),
            var r when r.StartsWith("!=", StringComparison.Ordinal) => (Comparison.NotEqual, 2),
            var r when r.StartsWith('>') => (Comparison.Greater, 1),
            var r when r.StartsWith('<') => (Comparison.Less, 1),
            _ => (Comparison.None, 0),
        };
        cursor.Position += found.Length;
        return found.Op;
    }

    private struct Cursor(string text)
    {
        public readonly string Text = text;
        public int Position;

        public readonly bool AtEnd => Position >= Text.Length;

        public readonly char Peek => AtEnd ? '\0' : Text[Position];

        public readonly string Rest => Text[Position..];

        public void Advance() => Position++;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Text[Position]))
            {
                Position++;
            }
        }

        public string? ReadIdentifier()
        {
            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Text[Position]) || Text[Position] is '_' or ':') &&
                   (Position > start || !char.IsAsciiDigit(Text[Position])))
            {
                Position++;
            }

            return Position > start ? Text[start..Position] : null;
        }

        public string? ReadString()
        {
            if (Peek is not ('"' or '\''))
            {
                return null;
            }

            var quote = Peek;
            Position++;
            var value = new StringBuilder();
            while (!AtEnd && Text[Position] != quote)
            {
                var c = Text[Position++];
                if (c == '\\' && !AtEnd)
                {
                    var escaped = Text[Position++];
                    value.Append(escaped switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        _ => escaped,
                    });
                }
                else
                {
                    value.Append(c);
                }
            }

            if (AtEnd)
            {
                throw Fail("unterminated string");
            }

            Position++;
            return value.ToString();
        }

        public double? ReadNumber()
        {
            var start = Position;
            if (Peek is '-' or '+')
            {
                Position++;
            }

            while (!AtEnd && (char.IsAsciiLetterOrDigit(Text[Position]) || Text[Position] is '.' or '_' ||
                              (Text[Position] is '+' or '-' && Text[Position - 1] is 'e' or 'E')))
            {
                Position++;
            }

            var token = Text[start..Position];
            var body = token.TrimStart('+', '-');
            if (body.Equals("Inf", StringComparison.OrdinalIgnoreCase))
            {
                return token.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            }

            return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsNaN(number)
                ? number
                : null;
        }

        public readonly FormatException Fail(string message) =>
            new($"{message} (at column {Position + 1} of '{Text}')");
    }
}
