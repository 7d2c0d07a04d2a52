namespace MultiAgent.Observability.Metrics.Parsing;

/// <content>Families: metadata, which family a sample belongs to and its role, and the checks across lines.</content>
public sealed partial class ExpositionParser
{
    private readonly Dictionary<string, ExpositionMetricType> _closedFamilies = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _seriesSeen = [];
    private readonly Dictionary<ulong, double> _infBuckets = [];
    private byte[] _familyName = new byte[128];
    private int _familyNameLength;
    private string _familyNameString = string.Empty;
    private byte[] _help = new byte[256];
    private int _helpLength;
    private byte[] _unit = new byte[32];
    private int _unitLength;
    private bool _familyActive;
    private bool _hasHelp;
    private bool _hasType;
    private bool _familyDelivered;
    private bool _familyHasSamples;
    private ExpositionMetricType _familyType;
    private bool _bucketGroupActive;
    private ulong _bucketGroup;
    private double _lastLe;
    private double _lastBucket;
    private bool _sawInf;

    private ReadOnlySpan<byte> FamilyName => _familyName.AsSpan(0, _familyNameLength);

    private void ResetFamilies()
    {
        _closedFamilies.Clear();
        _seriesSeen.Clear();
        _familyActive = false;
    }

    private void SetMetadata(MetadataKind kind, ReadOnlySpan<byte> name, ReadOnlySpan<byte> text)
    {
        if (_familyActive && name.SequenceEqual(FamilyName))
        {
            if (_familyHasSamples)
            {
                Fail($"'# {Keyword(kind)}' for '{_familyNameString}' comes after its samples");
                return;
            }

            if ((kind == MetadataKind.Help && _hasHelp) || (kind == MetadataKind.Type && _hasType) || (kind == MetadataKind.Unit && _unitLength > 0))
            {
                Fail($"a second '# {Keyword(kind)}' for '{_familyNameString}'");
                return;
            }
        }
        else
        {
            if (!TryStartUntypedFamily(name, kind))
            {
                return;
            }
        }

        switch (kind)
        {
            case MetadataKind.Help:
                Copy(text, ref _help, out _helpLength);
                _hasHelp = true;
                break;
            case MetadataKind.Type:
                if (ParseType(text) is not { } type)
                {
                    Fail($"'{Printable(text)}' is not a metric type{(_om ? " of OpenMetrics" : " of the text format 0.0.4")}");
                    return;
                }

                _familyType = type;
                _hasType = true;
                break;
            default:
                if (!text.IsEmpty && !(FamilyName.EndsWith(text) && FamilyName.Length > text.Length + 1 && FamilyName[^(text.Length + 1)] == (byte)'_'))
                {
                    Fail($"the unit '{Printable(text)}' must be a suffix of the metric name '{_familyNameString}'");
                    return;
                }

                Copy(text, ref _unit, out _unitLength);
                break;
        }
    }

    private void StartFamily(ReadOnlySpan<byte> name, string nameString, ExpositionMetricType type)
    {
        Copy(name, ref _familyName, out _familyNameLength);
        _familyNameString = nameString;
        _familyType = type;
        _familyActive = true;
        _hasHelp = false;
        _hasType = false;
        _helpLength = 0;
        _unitLength = 0;
        _familyDelivered = false;
        _familyHasSamples = false;
        _bucketGroupActive = false;
        _infBuckets.Clear();
    }

    private void CloseFamily()
    {
        if (!_familyActive)
        {
            return;
        }

        EndBucketGroup();
        DeliverFamily();
        _closedFamilies[_familyNameString] = _familyType;
        _familyActive = false;
    }

    private void DeliverFamily()
    {
        if (_familyDelivered)
        {
            return;
        }

        _familyDelivered = true;
        _familyCount++;
        _sink.OnFamily(CurrentFamily());
    }

    private ExpositionFamily CurrentFamily() => new(
        FamilyName, _familyNameString, _familyType, _help.AsSpan(0, _helpLength), _hasHelp, _unit.AsSpan(0, _unitLength), _om);

    private void AcceptSample(ReadOnlySpan<byte> line, int nameLength, int identityLength, int labelCount, double value, long? timestamp, in ExemplarParse exemplar)
    {
        var name = line[..nameLength];
        ExpositionSampleRole role;
        if (!_familyActive || !TryGetRole(name, out role))
        {
            if (_familyActive && name.SequenceEqual(FamilyName))
            {
                Fail($"'{_familyNameString}' is not a sample name of the {_familyType.ToString().ToLowerInvariant()} '{_familyNameString}'");
                return;
            }

            if (!TryStartUntypedFamily(name, metadata: null))
            {
                return;
            }

            role = ExpositionSampleRole.Value;
        }

        var labels = _labels.AsSpan(0, labelCount);
        if (CheckSample(line, labels, role, value, exemplar.Present) is { } error)
        {
            Fail(error);
            return;
        }

        if (!_seriesSeen.Add(ExpositionText.Hash64(line[..identityLength])))
        {
            Fail($"the series '{Printable(line[..identityLength])}' is repeated");
            return;
        }

        DeliverFamily();
        _familyHasSamples = true;
        _samples++;
        var family = CurrentFamily();
        _sink.OnSample(new ExpositionSample(
            line, nameLength, identityLength, labels, family, role, value, timestamp, _lineNumber,
            _exemplarLabels.AsSpan(0, exemplar.LabelCount), exemplar.Value, exemplar.TimestampMs, exemplar.Present));
    }

    /// <summary>The rules one sample must follow within its family; returns what is broken, or null.</summary>
    private string? CheckSample(ReadOnlySpan<byte> line, ReadOnlySpan<LabelRange> labels, ExpositionSampleRole role, double value, bool hasExemplar)
    {
        if (hasExemplar && role is not (ExpositionSampleRole.Total or ExpositionSampleRole.Bucket))
        {
            return "exemplars are allowed only on counter totals and histogram buckets";
        }

        switch (role)
        {
            case ExpositionSampleRole.Total when _om && (double.IsNaN(value) || value < 0):
                return $"the counter total of '{_familyNameString}' must not be negative or NaN, not {value}";
            case ExpositionSampleRole.Bucket:
                return CheckBucket(line, labels, value);
            case ExpositionSampleRole.Count or ExpositionSampleRole.GaugeCount when _familyType is ExpositionMetricType.Histogram or ExpositionMetricType.GaugeHistogram:
                EndBucketGroup();
                return _infBuckets.TryGetValue(Signature(line, labels), out var inf) && inf != value
                    ? $"the count of '{_familyNameString}' ({value}) differs from its le=\"+Inf\" bucket ({inf})"
                    : null;
            case ExpositionSampleRole.Value when _familyType == ExpositionMetricType.Summary:
                if (FindLabel(line, labels, "quantile"u8) is not { } quantile)
                {
                    return $"the summary '{_familyNameString}' has a sample without a 'quantile' label";
                }

                return ExpositionText.TryParseDouble(quantile.Value(line), out var q) && q is >= 0 and <= 1
                    ? null
                    : $"the quantile '{Printable(quantile.Value(line))}' of '{_familyNameString}' is not a number from 0 to 1";
            default:
                EndBucketGroup();
                return null;
        }
    }

    private string? CheckBucket(ReadOnlySpan<byte> line, ReadOnlySpan<LabelRange> labels, double value)
    {
        if (FindLabel(line, labels, "le"u8) is not { } leLabel)
        {
            return $"the bucket of '{_familyNameString}' has no 'le' label";
        }

        if (!ExpositionText.TryParseDouble(leLabel.Value(line), out var le) || double.IsNaN(le))
        {
            return $"the bucket bound le=\"{Printable(leLabel.Value(line))}\" of '{_familyNameString}' is not a number";
        }

        var group = Signature(line, labels);
        if (!_bucketGroupActive || group != _bucketGroup)
        {
            if (EndBucketGroup() is { } missing)
            {
                return missing;
            }

            _bucketGroupActive = true;
            _bucketGroup = group;
            _lastLe = double.NegativeInfinity;
            _lastBucket = double.NegativeInfinity;
            _sawInf = false;
        }
        else if (le <= _lastLe)
        {
            return $"the buckets of '{_familyNameString}' are not in increasing 'le' order ({_lastLe} then {le})";
        }
        else if (value < _lastBucket)
        {
            return $"the buckets of '{_familyNameString}' are not cumulative (le={_lastLe} has {_lastBucket}, le={le} has {value})";
        }

        _lastLe = le;
        _lastBucket = value;
        if (double.IsPositiveInfinity(le))
        {
            _sawInf = true;
            _infBuckets[group] = value;
        }

        return null;
    }

    /// <summary>Ends the current run of buckets; returns the error when it had no <c>+Inf</c> bucket.</summary>
    private string? EndBucketGroup()
    {
        if (!_bucketGroupActive)
        {
            return null;
        }

        _bucketGroupActive = false;
        if (_sawInf)
        {
            return null;
        }

        var message = $"a series of the histogram '{_familyNameString}' has no le=\"+Inf\" bucket";
        Fail(message);
        return null;
    }

    /// <summary>Identifies the histogram series a bucket or count belongs to: its labels without <c>le</c>.</summary>
    private static ulong Signature(ReadOnlySpan<byte> line, ReadOnlySpan<LabelRange> labels)
    {
        var hash = 0UL;
        foreach (var label in labels)
        {
            var name = label.Name(line);
            if (!name.SequenceEqual("le"u8))
            {
                // Order-dependent, like the label block itself: buckets of one series repeat their labels in one order.
                hash = ((hash << 7) | (hash >> 57)) ^ ExpositionText.Hash64(name) ^ (ExpositionText.Hash64(label.Value(line)) * 31);
            }
        }

        return hash;
    }

    private static LabelRange? FindLabel(ReadOnlySpan<byte> line, ReadOnlySpan<LabelRange> labels, ReadOnlySpan<byte> name)
    {
        foreach (var label in labels)
        {
            if (label.Name(line).SequenceEqual(name))
            {
                return label;
            }
        }

        return null;
    }

    /// <summary>Names the earlier family whose samples a new family name would collide with (<c>foo_created</c> after counter <c>foo</c>), or null.</summary>
    private string? ClashingFamily(ReadOnlySpan<byte> name)
    {
        var underscore = name.LastIndexOf((byte)'_');
        if (underscore <= 0 || (_closedFamilies.Count == 0 && !_familyActive))
        {
            return null;
        }

        var stem = name[..underscore];
        var role = SuffixRole(name[underscore..]);
        if (role == ExpositionSampleRole.Value && !(_familyActive && stem.SequenceEqual(FamilyName)))
        {
            return null;
        }

        var stemString = _familyActive && stem.SequenceEqual(FamilyName) ? _familyNameString : _names.Get(stem);
        var type = _familyActive && stem.SequenceEqual(FamilyName) ? _familyType
            : _closedFamilies.TryGetValue(stemString, out var closed) ? closed
            : (ExpositionMetricType?)null;
        return type is { } t && role != ExpositionSampleRole.Value && Allows(t, role, _om)
            ? $"the metric name '{_names.Get(name)}' clashes with the samples of the {t.ToString().ToLowerInvariant()} '{stemString}'"
            : null;
    }

    private static ExpositionSampleRole SuffixRole(ReadOnlySpan<byte> suffix) => suffix switch
    {
        _ when suffix.SequenceEqual("_total"u8) => ExpositionSampleRole.Total,
        _ when suffix.SequenceEqual("_created"u8) => ExpositionSampleRole.Created,
        _ when suffix.SequenceEqual("_bucket"u8) => ExpositionSampleRole.Bucket,
        _ when suffix.SequenceEqual("_count"u8) => ExpositionSampleRole.Count,
        _ when suffix.SequenceEqual("_sum"u8) => ExpositionSampleRole.Sum,
        _ when suffix.SequenceEqual("_gcount"u8) => ExpositionSampleRole.GaugeCount,
        _ when suffix.SequenceEqual("_gsum"u8) => ExpositionSampleRole.GaugeSum,
        _ when suffix.SequenceEqual("_info"u8) => ExpositionSampleRole.Info,
        _ => ExpositionSampleRole.Value,
    };

    /// <summary>Whether a sample name belongs to the current family, and as what.</summary>
    private bool TryGetRole(ReadOnlySpan<byte> name, out ExpositionSampleRole role)
    {
        role = ExpositionSampleRole.Value;
        var family = FamilyName;
        if (!name.StartsWith(family))
        {
            return false;
        }

        var suffix = name[family.Length..];
        if (suffix.IsEmpty)
        {
            // An OpenMetrics counter's samples are always suffixed; everything else may carry the bare name.
            return !(_om && _familyType is ExpositionMetricType.Counter or ExpositionMetricType.Histogram or ExpositionMetricType.GaugeHistogram or ExpositionMetricType.Info)
                && (_om || _familyType is not ExpositionMetricType.Histogram);
        }

        role = SuffixRole(suffix);
        return role != ExpositionSampleRole.Value && Allows(_familyType, role, _om);
    }

    private static bool Allows(ExpositionMetricType type, ExpositionSampleRole role, bool om) => type switch
    {
        ExpositionMetricType.Counter => om && role is ExpositionSampleRole.Total or ExpositionSampleRole.Created,
        ExpositionMetricType.Histogram => role is ExpositionSampleRole.Bucket or ExpositionSampleRole.Count or ExpositionSampleRole.Sum
            || (om && role == ExpositionSampleRole.Created),
        ExpositionMetricType.GaugeHistogram => role is ExpositionSampleRole.Bucket or ExpositionSampleRole.GaugeCount or ExpositionSampleRole.GaugeSum,
        ExpositionMetricType.Summary => role is ExpositionSampleRole.Count or ExpositionSampleRole.Sum || (om && role == ExpositionSampleRole.Created),
        ExpositionMetricType.Info => role == ExpositionSampleRole.Info,
        _ => false,
    };

    private ExpositionMetricType? ParseType(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("counter"u8) => ExpositionMetricType.Counter,
        _ when text.SequenceEqual("gauge"u8) => ExpositionMetricType.Gauge,
        _ when text.SequenceEqual("histogram"u8) => ExpositionMetricType.Histogram,
        _ when text.SequenceEqual("summary"u8) => ExpositionMetricType.Summary,
        _ when !_om && text.SequenceEqual("untyped"u8) => ExpositionMetricType.Unknown,
        _ when _om && text.SequenceEqual("unknown"u8) => ExpositionMetricType.Unknown,
        _ when _om && text.SequenceEqual("gaugehistogram"u8) => ExpositionMetricType.GaugeHistogram,
        _ when _om && text.SequenceEqual("stateset"u8) => ExpositionMetricType.StateSet,
        _ when _om && text.SequenceEqual("info"u8) => ExpositionMetricType.Info,
        _ => null,
    };

    /// <summary>
    /// Closes the current family and starts an untyped one named <paramref name="name"/>, opened by a metadata line of
    /// kind <paramref name="metadata"/> or by a sample (null); reports why and returns false when that family already
    /// ended (families must not be interleaved) or its sample names clash with another family's.
    /// </summary>
    private bool TryStartUntypedFamily(ReadOnlySpan<byte> name, MetadataKind? metadata)
    {
        var nameString = _names.Get(name);
        if (_closedFamilies.ContainsKey(nameString))
        {
            var opener = metadata is { } kind ? $"'# {Keyword(kind)}' for" : "a sample of";
            Fail($"{opener} '{nameString}' after its family ended: families must not be interleaved");
            return false;
        }

        if (ClashingFamily(name) is { } clash)
        {
            Fail(clash);
            return false;
        }

        CloseFamily();
        StartFamily(name, nameString, ExpositionMetricType.Unknown);
        return true;
    }

    private static string Keyword(MetadataKind kind) => kind switch
    {
        MetadataKind.Help => "HELP",
        MetadataKind.Type => "TYPE",
        _ => "UNIT",
    };

    private static void Copy(ReadOnlySpan<byte> source, ref byte[] target, out int length)
    {
        if (target.Length < source.Length)
        {
            target = new byte[Math.Max(source.Length, target.Length * 2)];
        }

        source.CopyTo(target);
        length = source.Length;
    }
}
