namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// The family and series cursor of one scrape: walks a layout family by family and, within a family, the series that
/// have a value, reading each into one reused <see cref="SeriesValue"/>. Families with no aggregated series are
/// skipped, and so are families that lose a sample-name clash (<see cref="SampleNameClaims"/>).
/// </summary>
internal sealed class ExpositionSnapshot
{
    private readonly IExpositionSource _source;
    private readonly ExpositionLayout _layout;
    private readonly SampleNameClaims? _claims;
    private SeriesValue _value;
    private int _nextFamily;
    private int _nextSeries;
    private int _seriesEnd;
    private int _currentSeries = -1;

    public ExpositionSnapshot(IExpositionSource source, ExpositionLayout layout)
    {
        _source = source;
        _layout = layout;
        _claims = layout.ClashPossible ? new SampleNameClaims() : null;
        _value.EnsureCapacity(0);
    }

    /// <summary>Gets the current family's description.</summary>
    public MetricDescription Family { get; private set; } = null!;

    /// <summary>Gets the current family's name, UTF-8.</summary>
    public ReadOnlySpan<byte> FamilyName => _layout.NameOf(_layout.Families[_nextFamily - 1]);

    /// <summary>Gets the current series' value.</summary>
    public ref readonly SeriesValue Value => ref _value;

    /// <summary>Gets the current series' label set, UTF-8 and escaped, without braces.</summary>
    public ReadOnlySpan<byte> Labels => _layout.LabelsOf(_layout.SeriesInOrder[_currentSeries]);

    /// <summary>Moves to the next family to write.</summary>
    /// <returns>False when every family has been visited.</returns>
    public bool MoveNextFamily()
    {
        var families = _layout.Families;
        while (_nextFamily < families.Length)
        {
            var family = families[_nextFamily++];
            var description = DescriptionOf(family);
            if (description is null || description.Kind != family.Kind)
            {
                continue;
            }

            Family = description;
            _nextSeries = family.FirstSeries;
            _seriesEnd = family.SeriesEnd;
            if (_claims is null)
            {
                return true;
            }

            // Only a family that writes something claims its names, so look for a value first.
            if (MoveNextSeries() && _claims.TryClaim(family.Name, family.Kind))
            {
                _nextSeries = family.FirstSeries;
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a family's description from its first series not retired since the layout was built, or null.</summary>
    private MetricDescription? DescriptionOf(in ExpositionLayout.Family family)
    {
        for (var i = family.FirstSeries; i < family.SeriesEnd; i++)
        {
            if (_source.GetFamily(_layout.SeriesInOrder[i].Id) is { } description)
            {
                return description;
            }
        }

        return null;
    }

    /// <summary>Moves to the current family's next series that has a value.</summary>
    /// <returns>False when the family has no more.</returns>
    public bool MoveNextSeries()
    {
        var series = _layout.SeriesInOrder;
        while (_nextSeries < _seriesEnd)
        {
            var index = _nextSeries++;
            if (_source.TryRead(series[index].Id, ref _value) && _value.Kind == Family.Kind)
            {
                _currentSeries = index;
                return true;
            }
        }

        return false;
    }
}
