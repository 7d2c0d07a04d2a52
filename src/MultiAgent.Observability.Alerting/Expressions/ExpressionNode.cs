namespace MultiAgent.Observability.Alerting.Expressions;

/// <summary>A binary operator of a vector expression, with PromQL's meaning.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,

    /// <summary>A filtering comparison (<see cref="BinaryNode.Comparison"/> says which).</summary>
    Compare,

    /// <summary><c>and</c>: the left elements whose label set (after <c>on</c>/<c>ignoring</c>) the right side also has.</summary>
    And,
}

/// <summary>
/// A node of a vector expression: PromQL beyond a single selector, as burn-rate and loop alerts need it
/// (<c>sum</c> with <c>by</c>, arithmetic, filtering comparisons and <c>and</c> with <c>on</c>/<c>ignoring</c>).
/// </summary>
internal abstract class ExpressionNode
{
    /// <summary>Gets a value indicating whether the node is a scalar (a number or arithmetic over numbers).</summary>
    public abstract bool IsScalar { get; }
}

/// <summary>A number literal.</summary>
internal sealed class NumberNode : ExpressionNode
{
    public required double Value { get; init; }

    /// <summary>Gets the literal as written, printed back unchanged (<c>2592000</c> stays that, not <c>2.592e+06</c>).</summary>
    public required string Text { get; init; }

    public override bool IsScalar => true;
}

/// <summary>A selector, optionally inside a range function: a <see cref="RuleExpression"/> with no comparison.</summary>
internal sealed class SelectorNode : ExpressionNode
{
    public required RuleExpression Selector { get; init; }

    public override bool IsScalar => false;
}

/// <summary><c>sum [by (labels)] (inner)</c>: the inner elements added up per label set of <see cref="By"/> (all of them into one without it).</summary>
internal sealed class SumNode : ExpressionNode
{
    public required ExpressionNode Inner { get; init; }

    /// <summary>Gets the grouping labels; empty sums everything into one element with no labels.</summary>
    public required IReadOnlyList<string> By { get; init; }

    public override bool IsScalar => false;
}

/// <summary>A binary operation; between two vectors, elements match one-to-one on their labels (restricted by <c>on</c> or <c>ignoring</c>).</summary>
internal sealed class BinaryNode : ExpressionNode
{
    public required BinaryOperator Operator { get; init; }

    /// <summary>Gets the comparison of a <see cref="BinaryOperator.Compare"/> node.</summary>
    public Comparison Comparison { get; init; }

    public required ExpressionNode Left { get; init; }

    public required ExpressionNode Right { get; init; }

    /// <summary>Gets the labels of <c>on(...)</c> or <c>ignoring(...)</c>, or null for neither.</summary>
    public IReadOnlyList<string>? Matching { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Matching"/> is <c>on</c> (else <c>ignoring</c>).</summary>
    public bool On { get; init; }

    public override bool IsScalar => Left.IsScalar && Right.IsScalar;

    /// <summary>Gets the binding strength: <c>* /</c> above <c>+ -</c> above comparisons above <c>and</c>.</summary>
    public int Precedence => PrecedenceOf(Operator);

    public static int PrecedenceOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply or BinaryOperator.Divide => 4,
        BinaryOperator.Add or BinaryOperator.Subtract => 3,
        BinaryOperator.Compare => 2,
        _ => 1,
    };

    /// <summary>Applies an arithmetic operator as Go's float64 does.</summary>
    public static double Apply(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Add => left + right,
        BinaryOperator.Subtract => left - right,
        BinaryOperator.Multiply => left * right,
        _ => left / right,
    };

    /// <summary>Computes a scalar subtree.</summary>
    public static double Constant(ExpressionNode node) => node switch
    {
        NumberNode n => n.Value,
        BinaryNode b => Apply(b.Operator, Constant(b.Left), Constant(b.Right)),
        _ => throw new InvalidOperationException("not a scalar"),
    };
}
