using System.Text;
using MultiAgent.Observability.Alerting.Expressions;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// A vector expression ready to evaluate: one node state per expression node, each with its elements (label sets)
/// bound once as series appear and a value and presence per element rewritten every tick, so a tick allocates nothing.
/// Semantics are PromQL's: functions per series before <c>sum</c>; <c>sum by</c> keeps only the listed labels (with
/// Prometheus' Kahan-compensated addition); arithmetic drops nothing but <c>ignoring</c>/<c>on</c> labels; comparisons
/// filter and keep the vector's value; between vectors, elements match one-to-one on their labels, and a match group
/// with two right-hand elements (or two results) fails the evaluation as it does in Prometheus.
/// </summary>
internal sealed class VectorProgram
{
    private readonly VectorState _root;

    public VectorProgram(ExpressionNode tree, TimeSpan interval, Action<IndexedSeries, string> refuse)
    {
        _root = Build(tree, (long)interval.TotalMilliseconds, refuse);
    }

    /// <summary>Gets the result: one element per alert candidate.</summary>
    public VectorState Result => _root;

    /// <summary>Binds the series created since the last call, through every node.</summary>
    public void Bind(SeriesIndex index) => _root.Bind(index);

    /// <summary>Computes every node at <paramref name="ts"/>; throws <see cref="InvalidOperationException"/> on a matching error.</summary>
    public void Evaluate(SeriesReader reader, SeriesIndex index, long ts, int tick) => _root.Evaluate(reader, index, ts, tick);

    private static VectorState Build(ExpressionNode node, long intervalMs, Action<IndexedSeries, string> refuse) => node switch
    {
        SelectorNode selector => new SelectorState(selector.Selector, intervalMs, refuse),
        SumNode sum => new SumState(Build(sum.Inner, intervalMs, refuse), sum.By),
        BinaryNode { Left.IsScalar: true } binary => new ScalarBinaryState(binary, Build(binary.Right, intervalMs, refuse), BinaryNode.Constant(binary.Left), scalarOnLeft: true),
        BinaryNode { Right.IsScalar: true } binary => new ScalarBinaryState(binary, Build(binary.Left, intervalMs, refuse), BinaryNode.Constant(binary.Right), scalarOnLeft: false),
        BinaryNode binary => new VectorBinaryState(binary, Build(binary.Left, intervalMs, refuse), Build(binary.Right, intervalMs, refuse)),
        _ => throw new InvalidOperationException("a scalar is not a vector"),
    };
}

/// <summary>The elements of one node: labels (sorted, no empty values) fixed at bind time, value and presence per tick.</summary>
internal abstract class VectorState
{
    private double[] _values = new double[4];
    private bool[] _present = new bool[4];

    public List<KeyValuePair<string, string>[]> Labels { get; } = [];

    public int Count => Labels.Count;

    public Span<double> Values => _values.AsSpan(0, Count);

    public Span<bool> Present => _present.AsSpan(0, Count);

    public abstract void Bind(SeriesIndex index);

    public abstract void Evaluate(SeriesReader reader, SeriesIndex index, long ts, int tick);

    /// <summary>The match key of a label set: only the <paramref name="names"/> (<paramref name="keep"/>) or all but them.</summary>
    public static string Signature(KeyValuePair<string, string>[] labels, IReadOnlyList<string> names, bool keep)
    {
        var key = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (Contains(names, name) == keep)
            {
                key.Append(name).Append('\u00ff').Append(value).Append('\u00ff');
            }
        }

        return key.ToString();
    }

    public static KeyValuePair<string, string>[] Project(KeyValuePair<string, string>[] labels, IReadOnlyList<string> names, bool keep)
    {
        var result = new List<KeyValuePair<string, string>>(labels.Length);
        foreach (var label in labels)
        {
            if (Contains(names, label.Key) == keep)
            {
                result.Add(label);
            }
        }

        return [.. result];
    }

    protected static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return true;
            }
        }

        return false;
    }

    protected int AddElement(KeyValuePair<string, string>[] labels)
    {
        Labels.Add(labels);
        if (Labels.Count > _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
            Array.Resize(ref _present, _present.Length * 2);
        }

        return Labels.Count - 1;
    }
}

/// <summary>
/// A selector (inside its range function): one element per selected series that fits the function. A range function
/// reads the element's own samples, taken at each evaluation as a Prometheus scrape would (the value at that time),
/// so windows of hours or days do not depend on how many values the pipeline keeps per series. A window longer than
/// <see cref="MaxSamples"/> evaluations keeps one sample per window/<see cref="MaxSamples"/> (plus the current one).
/// </summary>
internal sealed class SelectorState(RuleExpression selector, long intervalMs, Action<IndexedSeries, string> refuse) : VectorState
{
    /// <summary>The most samples an element keeps for its window.</summary>
    public const int MaxSamples = 4096;

    private readonly List<IndexedSeries> _entries = [];
    private readonly List<SampleRing> _rings = [];
    private readonly long _windowMs = (long)selector.Window.TotalMilliseconds;
    private readonly long[] _times = selector.IsRange ? new long[RingCapacity(selector, intervalMs) + 1] : [];
    private readonly double[] _values = selector.IsRange ? new double[RingCapacity(selector, intervalMs) + 1] : [];
    private int _seen;

    private long SpacingMs => Math.Max(intervalMs, _windowMs / MaxSamples);

    public override void Bind(SeriesIndex index)
    {
        var candidates = index.Get(selector.Metric);
        for (; _seen < candidates.Count; _seen++)
        {
            var entry = index.Entry(candidates[_seen]);
            if (!selector.Selects(entry.Info.AgentId, entry.Labels))
            {
                continue;
            }

            if (AlertEngine.KindMismatch(selector.Function, entry.Kind) is { } reason)
            {
                refuse(entry, reason);
                continue;
            }

            var labels = new List<KeyValuePair<string, string>>(entry.Labels.Count + 1);
            if (entry.Info.AgentId.Length > 0)
            {
                labels.Add(KeyValuePair.Create(MonitoringLabels.AgentId, entry.Info.AgentId));
            }

            foreach (var label in entry.Labels)
            {
                if (label.Value.Length > 0 && label.Key != MonitoringLabels.AgentId)
                {
                    labels.Add(label);
                }
            }

            labels.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            AddElement([.. labels]);
            _entries.Add(entry);
            _rings.Add(selector.IsRange ? new SampleRing(_times.Length - 1) : null!);
        }
    }

    public override void Evaluate(SeriesReader reader, SeriesIndex index, long ts, int tick)
    {
        var values = Values;
        var present = Present;
        for (var i = 0; i < _entries.Count; i++)
        {
            present[i] = selector.IsRange
                ? ObserveRange(reader, _entries[i], _rings[i], ts, out values[i])
                : reader.Observe(selector, _entries[i], ts, out values[i]);
        }
    }

    private static int RingCapacity(RuleExpression selector, long intervalMs)
    {
        var windowMs = (long)selector.Window.TotalMilliseconds;
        return (int)Math.Min(MaxSamples, (windowMs / Math.Max(1, intervalMs)) + 1) + 1;
    }

    private bool ObserveRange(SeriesReader reader, IndexedSeries entry, SampleRing ring, long ts, out double value)
    {
        value = double.NaN;
        var hasValue = reader.ValueAt(entry, ts, out var current);
        if (hasValue && (ring.Count == 0 || ts - ring.LastTime >= SpacingMs - (intervalMs / 2)))
        {
            ring.Add(ts, current);
        }

        var start = ts - _windowMs;
        var n = ring.CopyAfter(start, ts, _times, _values);
        if (hasValue && (n == 0 || _times[n - 1] < ts))
        {
            _times[n] = ts;
            _values[n] = current;
            n++;
        }

        var times = _times.AsSpan(0, n);
        var samples = _values.AsSpan(0, n);
        value = selector.Function switch
        {
            ExpressionFunction.Rate => RangeFunctions.ExtrapolatedRate(times, samples, start, ts, isCounter: true, isRate: true),
            ExpressionFunction.Increase => RangeFunctions.ExtrapolatedRate(times, samples, start, ts, isCounter: true, isRate: false),
            ExpressionFunction.Delta => RangeFunctions.ExtrapolatedRate(times, samples, start, ts, isCounter: false, isRate: false),
            ExpressionFunction.Deriv => RangeFunctions.Deriv(times, samples),
            _ => n > 0 ? 1 : double.NaN,
        };
        return !double.IsNaN(value);
    }

    /// <summary>A fixed ring of (time, value) samples, oldest overwritten.</summary>
    private sealed class SampleRing(int capacity)
    {
        private readonly long[] _times = new long[capacity];
        private readonly double[] _values = new double[capacity];
        private int _next;

        public int Count { get; private set; }

        public long LastTime => _times[(_next + _times.Length - 1) % _times.Length];

        public void Add(long time, double value)
        {
            _times[_next] = time;
            _values[_next] = value;
            _next = (_next + 1) % _times.Length;
            Count = Math.Min(Count + 1, _times.Length);
        }

        /// <summary>Copies the samples with <paramref name="after"/> &lt; t &lt;= <paramref name="until"/>, oldest first.</summary>
        public int CopyAfter(long after, long until, long[] times, double[] values)
        {
            var n = 0;
            for (var k = Count; k >= 1; k--)
            {
                var slot = (_next - k + _times.Length) % _times.Length;
                if (_times[slot] > after && _times[slot] <= until)
                {
                    times[n] = _times[slot];
                    values[n] = _values[slot];
                    n++;
                }
            }

            return n;
        }
    }
}

/// <summary><c>sum [by (…)]</c>: one element per distinct projection of the inner elements' labels.</summary>
internal sealed class SumState(VectorState inner, IReadOnlyList<string> by) : VectorState
{
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly List<int> _groupOf = [];
    private double[] _compensation = new double[4];

    public override void Bind(SeriesIndex index)
    {
        inner.Bind(index);
        for (var i = _groupOf.Count; i < inner.Count; i++)
        {
            var labels = Project(inner.Labels[i], by, keep: true);
            var key = Signature(labels, by, keep: true);
            if (!_groups.TryGetValue(key, out var group))
            {
                _groups[key] = group = AddElement(labels);
                if (Count > _compensation.Length)
                {
                    Array.Resize(ref _compensation, _compensation.Length * 2);
                }
            }

            _groupOf.Add(group);
        }
    }

    public override void Evaluate(SeriesReader reader, SeriesIndex index, long ts, int tick)
    {
        inner.Evaluate(reader, index, ts, tick);
        var values = Values;
        var present = Present;
        present.Clear();
        var innerValues = inner.Values;
        var innerPresent = inner.Present;
        for (var i = 0; i < innerPresent.Length; i++)
        {
            if (!innerPresent[i])
            {
                continue;
            }

            var g = _groupOf[i];
            if (!present[g])
            {
                present[g] = true;
                values[g] = innerValues[i];
                _compensation[g] = 0;
                continue;
            }

            // Prometheus' kahansum.Inc (Neumaier's variant).
            var sum = values[g];
            var increment = innerValues[i];
            var t = sum + increment;
            if (double.IsInfinity(t))
            {
                _compensation[g] = 0;
            }
            else if (Math.Abs(sum) >= Math.Abs(increment))
            {
                _compensation[g] += (sum - t) + increment;
            }
            else
            {
                _compensation[g] += (increment - t) + sum;
            }

            values[g] = t;
        }

        for (var g = 0; g < values.Length; g++)
        {
            if (present[g] && !double.IsInfinity(values[g]))
            {
                values[g] += _compensation[g];
            }
        }
    }
}

/// <summary>A vector with a number: arithmetic on each element, or a comparison that keeps the elements passing it with their own value.</summary>
internal sealed class ScalarBinaryState(BinaryNode node, VectorState vector, double scalar, bool scalarOnLeft) : VectorState
{
    public override void Bind(SeriesIndex index)
    {
        vector.Bind(index);
        for (var i = Count; i < vector.Count; i++)
        {
            AddElement(vector.Labels[i]);
        }
    }

    public override void Evaluate(SeriesReader reader, SeriesIndex index, long ts, int tick)
    {
        vector.Evaluate(reader, index, ts, tick);
        var values = Values;
        var present = Present;
        var inner = vector.Values;
        var innerPresent = vector.Present;
        for (var i = 0; i < values.Length; i++)
        {
            var v = inner[i];
            if (node.Operator == BinaryOperator.Compare)
            {
                present[i] = innerPresent[i] && (scalarOnLeft
                    ? RuleExpression.Compare(node.Comparison, scalar, v)
                    : RuleExpression.Compare(node.Comparison, v, scalar));
                values[i] = v;
            }
            else
            {
                present[i] = innerPresent[i];
                values[i] = scalarOnLeft ? BinaryNode.Apply(node.Operator, scalar, v) : BinaryNode.Apply(node.Operator, v, scalar);
            }
        }
    }
}

/// <summary>Two vectors matched one-to-one on their labels (or <c>on</c>/<c>ignoring</c>): arithmetic, a comparison, or <c>and</c>.</summary>
internal sealed class VectorBinaryState(BinaryNode node, VectorState left, VectorState right) : VectorState
{
    private static readonly IReadOnlyList<string> NoNames = [];
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly List<int> _leftGroup = [];
    private readonly List<int> _rightGroup = [];
    private int[] _rightStamp = new int[4];
    private int[] _rightIndex = new int[4];
    private int[] _resultStamp = new int[4];

    private IReadOnlyList<string> Names => node.Matching ?? NoNames;

    private bool Keep => node.Matching is not null && node.On;

    public override void Bind(SeriesIndex index)
    {
        left.Bind(index);
        right.Bind(index);
        for (var i = _leftGroup.Count; i < left.Count; i++)
        {
            _leftGroup.Add(Group(left.Labels[i]));
            AddElement(node.Operator == BinaryOperator.And || node.Matching is null ? left.Labels[i] : Project(left.Labels[i], Names, Keep));
        }

        for (var j = _rightGroup.Count; j < right.Count; j++)
        {
            _rightGroup.Add(Group(right.Labels[j]));
        }
    }

    public override void Evaluate(SeriesReader reader, SeriesIndex index, long ts, int tick)
    {
        left.Evaluate(reader, index, ts, tick);
        right.Evaluate(reader, index, ts, tick);
        var rightPresent = right.Present;
        for (var j = 0; j < rightPresent.Length; j++)
        {
            if (!rightPresent[j])
            {
                continue;
            }

            var g = _rightGroup[j];
            if (_rightStamp[g] == tick && node.Operator != BinaryOperator.And)
            {
                throw new InvalidOperationException(
                    $"found duplicate series for the match group on the right hand-side of the operation: {Describe(right.Labels[_rightIndex[g]])} and {Describe(right.Labels[j])}; many-to-many matching not allowed");
            }

            _rightStamp[g] = tick;
            _rightIndex[g] = j;
        }

        var values = Values;
        var present = Present;
        var leftValues = left.Values;
        var leftPresent = left.Present;
        var rightValues = right.Values;
        for (var i = 0; i < values.Length; i++)
        {
            var g = _leftGroup[i];
            present[i] = false;
            if (!leftPresent[i] || _rightStamp[g] != tick)
            {
                continue;
            }

            var l = leftValues[i];
            var r = rightValues[_rightIndex[g]];
            switch (node.Operator)
            {
                case BinaryOperator.And:
                    values[i] = l;
                    present[i] = true;
                    continue;
                case BinaryOperator.Compare:
                    if (!RuleExpression.Compare(node.Comparison, l, r))
                    {
                        continue;
                    }

                    values[i] = l;
                    break;
                default:
                    values[i] = BinaryNode.Apply(node.Operator, l, r);
                    break;
            }

            if (_resultStamp[g] == tick)
            {
                throw new InvalidOperationException(
                    $"multiple matches for labels {Describe(left.Labels[i])}: many-to-one matching must be explicit (group_left/group_right), which is not supported");
            }

            _resultStamp[g] = tick;
            present[i] = true;
        }
    }

    private static string Describe(KeyValuePair<string, string>[] labels) =>
        "{" + string.Join(", ", labels.Select(static l => $"{l.Key}=\"{l.Value}\"")) + "}";

    private int Group(KeyValuePair<string, string>[] labels)
    {
        var key = Signature(labels, Names, Keep);
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = _groups.Count;
            if (_groups.Count > _rightStamp.Length)
            {
                Array.Resize(ref _rightStamp, _rightStamp.Length * 2);
                Array.Resize(ref _rightIndex, _rightIndex.Length * 2);
                Array.Resize(ref _resultStamp, _resultStamp.Length * 2);
            }
        }

        return group;
    }
}
