namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Sums that stop at <see cref="long.MaxValue"/> (or <see cref="long.MinValue"/>) instead of wrapping. Token counts are
/// whatever instrumentation reports, so two spans of <see cref="long.MaxValue"/> tokens must not sum to -2.
/// </summary>
internal static class SaturatingMath
{
    public static long Add(long left, long right)
    {
        var sum = unchecked(left + right);

        // Overflow happened exactly when both operands have the same sign and the sum's sign differs from it.
        return ((left ^ sum) & (right ^ sum)) < 0 ? (left < 0 ? long.MinValue : long.MaxValue) : sum;
    }
}
