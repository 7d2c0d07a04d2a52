namespace MultiAgent.Observability.Metrics;

/// <summary>The checks a scraped cumulative snapshot must pass before it is staged.</summary>
internal static class SnapshotValues
{
    /// <summary>Whether the counts are a cumulative histogram: the expected length, finite, non-negative, non-decreasing, the last equal to the count, and a finite sum.</summary>
    public static bool IsCumulativeHistogram(ReadOnlySpan<double> cumulativeCounts, int length, double sum, double count)
    {
        if (cumulativeCounts.Length != length || !double.IsFinite(sum) || cumulativeCounts[^1] != count)
        {
            return false;
        }

        var previous = 0.0;
        foreach (var value in cumulativeCounts)
        {
            if (!double.IsFinite(value) || value < previous)
            {
                return false;
            }

            previous = value;
        }

        return true;
    }
}
