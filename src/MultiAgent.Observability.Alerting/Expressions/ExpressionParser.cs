using MultiAgent.Observability.Alerting.Templates;
using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Alerting.Expressions;

/// <summary>
/// Parses and prints the PromQL subset a rule expression may use:
/// <c>name{l="v",l!="v",l=~"re",l!~"re"} op N</c>, <c>rate|increase|delta|deriv(sel[d]) op N</c>,
/// <c>absent(sel)</c> and <c>absent_over_time(sel[d])</c>, and combinations of selectors with <c>sum [by (…)]</c>,
/// <c>+ - * /</c>, comparisons and <c>and</c> (with <c>on(…)</c> / <c>ignoring(…)</c>), PromQL's precedence.
/// Anything else is refused with the reason.
/// </summary>
internal static class ExpressionParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. A single selector compared with a number (or <c>absent</c>) comes back as a
    /// <see cref="RuleExpression"/>; anything larger as a vector expression in <paramref name="vector"/>. Both null with
    /// <paramref name="error"/> set when the text is not in the subset or is not an alert condition.
    /// </summary>
    public static RuleExpression? Parse(string text, out ExpressionNode? vector, out string? error)
    {
        var cursor = new Cursor(text);
        vector = null;
        try
        {
            var tree = ParseBinary(ref cursor, 1);
            cursor.SkipSpace();
            if (!cursor.AtEnd)
            {
                throw cursor.Fail($"unexpected '{cursor.Rest}'");
            }

            error = null;
            var simple = Lower(tree, ref cursor);
            vector = simple is null ? tree : null;
            return simple;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Writes a vector expression as PromQL that Prometheus evaluates the same way.</summary>
    public static string Print(ExpressionNode node)
    {
        var text = new StringBuilder();
        Print(text, node);
        return text.ToString();
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

    /// <summary>A single selector compared with a number, or an absence, as the simple rule form; null for anything larger.</summary>
    private static RuleExpression? Lower(ExpressionNode tree, ref Cursor cursor)
    {
        switch (tree)
        {
            case SelectorNode { Selector.IsAbsence: true } absence:
                return absence.Selector;
            case SelectorNode:
                throw cursor.Fail("expected a comparison with a number (>, <, >=, <=, ==, !=)");
            case BinaryNode { Operator: BinaryOperator.Compare, Left: SelectorNode { Selector.IsAbsence: true } }:
                throw cursor.Fail("absent() and absent_over_time() take no comparison");
            case BinaryNode { Operator: BinaryOperator.Compare, Left: SelectorNode selector, Right: NumberNode number }:
                return new RuleExpression
                {
                    Metric = selector.Selector.Metric,
                    Matchers = selector.Selector.Matchers,
                    Function = selector.Selector.Function,
                    Window = selector.Selector.Window,
                    Comparison = ((BinaryNode)tree).Comparison,
                    Threshold = number.Value,
                };
        }

        Check(tree, ref cursor);
        if (!IsCondition(tree))
        {
            throw cursor.Fail("an alert condition must end in a comparison (>, <, >=, <=, ==, !=) or an 'and' of such conditions");
        }

        return null;
    }

    private static bool IsCondition(ExpressionNode node) => node switch
    {
        BinaryNode { Operator: BinaryOperator.Compare } => true,
        BinaryNode { Operator: BinaryOperator.And } and => IsCondition(and.Left),
        _ => false,
    };

    /// <summary>Refuses what PromQL refuses or what the evaluator does not combine: absence inside a larger expression, scalar comparisons, <c>and</c> with a scalar.</summary>
    private static void Check(ExpressionNode node, ref Cursor cursor)
    {
        switch (node)
        {
            case SelectorNode { Selector.IsAbsence: true }:
                throw cursor.Fail("absent() and absent_over_time() cannot be combined with other expressions");
            case SumNode sum:
                if (sum.Inner.IsScalar)
                {
                    throw cursor.Fail("sum() takes a vector, not a number");
                }

                Check(sum.Inner, ref cursor);
                break;
            case BinaryNode binary:
                if (binary.Operator is BinaryOperator.Compare && binary.IsScalar)
                {
                    throw cursor.Fail("a comparison between two numbers needs 'bool', which an alert condition cannot use");
                }

                if (binary.Operator is BinaryOperator.And && (binary.Left.IsScalar || binary.Right.IsScalar))
                {
                    throw cursor.Fail("'and' takes two vectors");
                }

                if (binary.Matching is not null && (binary.Left.IsScalar || binary.Right.IsScalar))
                {
                    throw cursor.Fail("on() and ignoring() apply between two vectors");
                }

                Check(binary.Left, ref cursor);
                Check(binary.Right, ref cursor);
                break;
        }
    }

    /// <summary>Precedence climbing over <c>and</c>, comparisons, <c>+ -</c> and <c>* /</c>, all left-associative.</summary>
    private static ExpressionNode ParseBinary(ref Cursor cursor, int minPrecedence)
    {
        var left = ParseOperand(ref cursor);
        while (true)
        {
            cursor.SkipSpace();
            var mark = cursor.Position;
            var (op, comparison) = ReadOperator(ref cursor);
            if (op is null || BinaryNode.PrecedenceOf(op.Value) < minPrecedence)
            {
                cursor.Position = mark;
                return left;
            }

            cursor.SkipSpace();
            if (cursor.PeekWord() == "bool")
            {
                throw cursor.Fail("'bool' comparisons are not supported: an alert needs a filtering comparison");
            }

            IReadOnlyList<string>? matching = null;
            var on = false;
            var word = cursor.PeekWord();
            if (word is "on" or "ignoring")
            {
                cursor.ReadIdentifier();
                on = word == "on";
                matching = ParseLabelList(ref cursor);
                cursor.SkipSpace();
            }

            if (cursor.PeekWord() is "group_left" or "group_right")
            {
                throw cursor.Fail("group_left and group_right are not supported: matching is one-to-one");
            }

            var right = ParseBinary(ref cursor, BinaryNode.PrecedenceOf(op.Value) + 1);
            left = new BinaryNode { Operator = op.Value, Comparison = comparison, Left = left, Right = right, Matching = matching, On = on };
        }
    }

    private static (BinaryOperator? Op, Comparison Comparison) ReadOperator(ref Cursor cursor)
    {
        var comparison = ReadComparison(ref cursor);
        if (comparison != Comparison.None)
        {
            return (BinaryOperator.Compare, comparison);
        }

        switch (cursor.Peek)
        {
            case '+':
                cursor.Advance();
                return (BinaryOperator.Add, Comparison.None);
            case '-':
                cursor.Advance();
                return (BinaryOperator.Subtract, Comparison.None);
            case '*':
                cursor.Advance();
                return (BinaryOperator.Multiply, Comparison.None);
            case '/':
                cursor.Advance();
                return (BinaryOperator.Divide, Comparison.None);
            case '%' or '^':
                throw cursor.Fail($"operator '{cursor.Peek}' is not supported (supported: + - * / and comparisons)");
        }

        switch (cursor.PeekWord())
        {
            case "and":
                cursor.ReadIdentifier();
                return (BinaryOperator.And, Comparison.None);
            case "or" or "unless" or "atan2":
                throw cursor.Fail($"operator '{cursor.PeekWord()}' is not supported (supported: and)");
            default:
                return (null, Comparison.None);
        }
    }

    private static ExpressionNode ParseOperand(ref Cursor cursor)
    {
        cursor.SkipSpace();
        var c = cursor.Peek;
        if (char.IsAsciiDigit(c) || c == '.' || (c is '+' or '-' && cursor.Position + 1 < cursor.Text.Length &&
            (char.IsAsciiDigit(cursor.Text[cursor.Position + 1]) || cursor.Text[cursor.Position + 1] is '.' or 'I' or 'i')) ||
            cursor.PeekWord() is "Inf" or "inf")
        {
            var start = cursor.Position;
            var value = cursor.ReadNumber() ?? throw cursor.Fail("expected a number");
            return new NumberNode { Value = value, Text = cursor.Text[start..cursor.Position] };
        }

        if (c == '(')
        {
            cursor.Advance();
            var inner = ParseBinary(ref cursor, 1);
            cursor.SkipSpace();
            if (cursor.Peek != ')')
            {
                throw cursor.Fail("expected ')'");
            }

            cursor.Advance();
            return inner;
        }

        var name = cursor.ReadIdentifier() ?? throw cursor.Fail("expected a metric name, a function or a number");
        if (name == "sum")
        {
            cursor.SkipSpace();
            if (cursor.Peek == '(' || cursor.PeekWord() is "by" or "without")
            {
                return ParseSum(ref cursor);
            }
        }

        if (name is "avg" or "min" or "max" or "count" or "group" or "stddev" or "stdvar" or "topk" or "bottomk" or "quantile" or "count_values")
        {
            cursor.SkipSpace();
            if (cursor.Peek == '(' || cursor.PeekWord() is "by" or "without")
            {
                throw cursor.Fail($"function '{name}' is not supported (supported aggregation: sum)");
            }
        }

        return new SelectorNode { Selector = ParseLeaf(ref cursor, name) };
    }

    private static SumNode ParseSum(ref Cursor cursor)
    {
        IReadOnlyList<string>? by = ReadGrouping(ref cursor);
        cursor.SkipSpace();
        if (cursor.Peek != '(')
        {
            throw cursor.Fail("expected '(' after sum");
        }

        cursor.Advance();
        var inner = ParseBinary(ref cursor, 1);
        cursor.SkipSpace();
        if (cursor.Peek != ')')
        {
            throw cursor.Fail("expected ')'");
        }

        cursor.Advance();
        cursor.SkipSpace();
        var after = ReadGrouping(ref cursor);
        if (by is not null && after is not null)
        {
            throw cursor.Fail("sum takes one 'by' clause");
        }

        return new SumNode { Inner = inner, By = by ?? after ?? [] };
    }

    private static List<string>? ReadGrouping(ref Cursor cursor)
    {
        cursor.SkipSpace();
        switch (cursor.PeekWord())
        {
            case "by":
                cursor.ReadIdentifier();
                return ParseLabelList(ref cursor);
            case "without":
                throw cursor.Fail("'without' is not supported; list the labels to keep with 'by'");
            default:
                return null;
        }
    }

    private static List<string> ParseLabelList(ref Cursor cursor)
    {
        cursor.SkipSpace();
        if (cursor.Peek != '(')
        {
            throw cursor.Fail("expected '(' and a list of label names");
        }

        cursor.Advance();
        var labels = new List<string>();
        while (true)
        {
            cursor.SkipSpace();
            if (cursor.Peek == ')')
            {
                cursor.Advance();
                return labels;
            }

            var label = cursor.ReadIdentifier() ?? throw cursor.Fail("expected a label name");
            if (PrometheusNaming.ValidateLabelName(label) is { } labelError)
            {
                throw cursor.Fail(labelError);
            }

            if (labels.Contains(label))
            {
                throw cursor.Fail($"label '{label}' is listed twice");
            }

            labels.Add(label);
            cursor.SkipSpace();
            if (cursor.Peek == ',')
            {
                cursor.Advance();
            }
            else if (cursor.Peek != ')')
            {
                throw cursor.Fail("expected ',' or ')'");
            }
        }
    }

    private static void Print(StringBuilder text, ExpressionNode node)
    {
        switch (node)
        {
            case NumberNode number:
                text.Append(number.Text);
                break;
            case SelectorNode selector:
                text.Append(Print(selector.Selector));
                break;
            case SumNode sum:
                text.Append("sum");
                if (sum.By.Count > 0)
                {
                    text.Append(" by (").AppendJoin(", ", sum.By).Append(") ");
                }

                text.Append('(');
                Print(text, sum.Inner);
                text.Append(')');
                break;
            case BinaryNode binary:
                PrintOperand(text, binary.Left, binary.Precedence, parenthesizeEqual: false);
                text.Append(' ').Append(binary.Operator switch
                {
                    BinaryOperator.Add => "+",
                    BinaryOperator.Subtract => "-",
                    BinaryOperator.Multiply => "*",
                    BinaryOperator.Divide => "/",
                    BinaryOperator.And => "and",
                    _ => RuleExpression.Symbol(binary.Comparison),
                }).Append(' ');
                if (binary.Matching is not null)
                {
                    text.Append(binary.On ? "on(" : "ignoring(").AppendJoin(", ", binary.Matching).Append(") ");
                }

                PrintOperand(text, binary.Right, binary.Precedence, parenthesizeEqual: true);
                break;
        }
    }

    private static void PrintOperand(StringBuilder text, ExpressionNode node, int precedence, bool parenthesizeEqual)
    {
        var wrap = node is BinaryNode child && (child.Precedence < precedence || (parenthesizeEqual && child.Precedence == precedence));
        text.Append(wrap ? "(" : string.Empty);
        Print(text, node);
        text.Append(wrap ? ")" : string.Empty);
    }

    private static RuleExpression ParseLeaf(ref Cursor cursor, string name)
    {
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
                _ => throw cursor.Fail($"function '{name}' is not supported (supported: rate, increase, delta, deriv, absent, absent_over_time, sum)"),
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

        return new RuleExpression
        {
            Metric = name,
            Matchers = matchers,
            Function = function,
            Window = window,
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

        /// <summary>Gets the identifier at the cursor without consuming it, or null.</summary>
        public readonly string? PeekWord()
        {
            var copy = this;
            return copy.ReadIdentifier();
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
