namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// Prometheus' range functions over the samples of one series in a window (<c>rangeStart</c>, <c>rangeEnd</c>]:
/// <c>rate</c>, <c>increase</c> and <c>delta</c> through <c>extrapolatedRate</c> (counter resets, extrapolation to the
/// window's ends, the zero clamp for counters), and <c>deriv</c> by least squares. Times are Unix milliseconds.
/// </summary>
internal static class RangeFunctions
{
    /// <summary>Prometheus' <c>extrapolatedRate</c> (float path).</summary>
    /// <param name="times">Sample times, ascending, inside the window.</param>
    /// <param name="values">Sample values.</param>
    /// <param name="rangeStartMs">The window start (exclusive).</param>
    /// <param name="rangeEndMs">The window end (inclusive).</param>
    /// <param name="isCounter">Whether decreases are resets and the start is clamped at zero.</param>
    /// <param name="isRate">Whether to divide by the window in seconds.</param>
    /// <returns>The result, or NaN when fewer than two samples are in the window.</returns>
    public static double ExtrapolatedRate(ReadOnlySpan<long> times, ReadOnlySpan<double> values, long rangeStartMs, long rangeEndMs, bool isCounter, bool isRate)
    {
        var n = times.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        var result = values[n - 1] - values[0];
        if (isCounter)
        {
            var previous = values[0];
            for (var i = 1; i < n; i++)
            {
                if (values[i] < previous)
                {
                    result += previous;
                }

                previous = values[i];
            }
        }

        var durationToStart = (times[0] - rangeStartMs) / 1000.0;
        var durationToEnd = (rangeEndMs - times[n - 1]) / 1000.0;
        var sampledInterval = (times[n - 1] - times[0]) / 1000.0;
        var averageDurationBetweenSamples = sampledInterval / (n - 1);

        // A series that starts or ends well inside the window is extrapolated by half an interval only.
        var extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        if (durationToStart >= extrapolationThreshold)
        {
            durationToStart = averageDurationBetweenSamples / 2;
        }

        if (isCounter && result > 0 && values[0] >= 0)
        {
            // A counter cannot have been below zero: never extrapolate past the point where it would be.
            var durationToZero = sampledInterval * (values[0] / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        if (durationToEnd >= extrapolationThreshold)
        {
            durationToEnd = averageDurationBetweenSamples / 2;
        }

        var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        if (isRate)
        {
            factor /= (rangeEndMs - rangeStartMs) / 1000.0;
        }

        return result * factor;
    }

    /// <summary>Prometheus' <c>deriv</c>: the per-second slope of a least-squares line, times relative to the first sample (plain sums where Prometheus uses Kahan summation: results can differ in the last bits).</summary>
    /// <returns>The slope, or NaN with fewer than two samples.</returns>
    public static double Deriv(ReadOnlySpan<long> times, ReadOnlySpan<double> values)
    {
        var n = times.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        // Times relative to the first sample keep the squares small, as Prometheus' linearRegression does.
        double sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        var origin = times[0];
        for (var i = 0; i < n; i++)
        {
            var x = (times[i] - origin) / 1000.0;
            sumX += x;
            sumY += values[i];
            sumXY += x * values[i];
            sumX2 += x * x;
        }

        var covXY = sumXY - (sumX * sumY / n);
        var varX = sumX2 - (sumX * sumX / n);
        return covXY / varX;
    }
}
