namespace MultiAgent.Observability.Tracing;

/// <summary>
/// A fixed log-bucket histogram of durations in milliseconds (the DDSketch mapping with a fixed range): bucket i ≥ 1 holds
/// (m·γ^(i-1), m·γ^i] with γ = (1+α)/(1−α), m = 0.001 ms, and reports 2·m·γ^i/(γ+1), which is within a relative error α
/// of every value in the bucket. Bucket 0 holds [0, m] (absolute error ≤ m); values above 10^8 ms (about 28 hours) share
/// the last bucket. Quantiles are nearest-rank, clamped to the exact minimum and maximum.
/// </summary>
internal sealed class LogHistogram
{
    public const double Alpha = 0.01;
    public const double MinimumMs = 0.001;
    public const double MaximumMs = 1e8;
    private static readonly double s_gamma = (1 + Alpha) / (1 - Alpha);
    private static readonly double s_logGamma = Math.Log(s_gamma);
    private static readonly int s_buckets = (int)Math.Ceiling(Math.Log(MaximumMs / MinimumMs) / s_logGamma) + 1;

    private readonly int[] _counts = new int[s_buckets];

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public void Record(double valueMs)
    {
        if (!(valueMs >= 0))
        {
            valueMs = 0;
        }

        var index = valueMs <= MinimumMs ? 0 : (int)Math.Ceiling(Math.Log(valueMs / MinimumMs) / s_logGamma);

        // Rounding in Log may put a value lying exactly on a bucket bound into either neighbour; both representatives are
        // within α of it, so the bound holds either way.
        index = Math.Clamp(index, 0, s_buckets - 1);
        if (_counts[index] < int.MaxValue)
        {
            _counts[index]++;
        }

        Count++;
        Min = Math.Min(Min, valueMs);
        Max = Math.Max(Max, valueMs);
    }

    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var estimate = i == 0 ? MinimumMs : MinimumMs * 2 * Math.Pow(s_gamma, i) / (s_gamma + 1);
                return Math.Clamp(estimate, Min, Max);
            }
        }

        return Max;
    }
}
