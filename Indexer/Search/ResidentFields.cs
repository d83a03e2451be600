using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Facets;

namespace DiscoveryPortal.Indexer.Search;

/// <summary>
/// Per-document values held in memory, indexed by document number: which documents are live, their
/// facet values, footprints, time ranges and sort keys. Filters and facet counts read only this.
/// Not thread-safe: the owner guards it with a reader/writer lock.
/// </summary>
public sealed class ResidentFields
{
    private bool[] _live;
    private double[] _ra, _dec, _radius, _tStart, _tEnd, _newest;
    private float[] _west, _south, _east, _north;

    public ResidentFields(int capacity = 1024)
    {
        _live = new bool[capacity];
        _ra = NaNs(capacity);
        _dec = NaNs(capacity);
        _radius = NaNs(capacity);
        _tStart = NaNs(capacity);
        _tEnd = NaNs(capacity);
        _newest = NaNs(capacity);
        _west = new float[capacity];
        _south = new float[capacity];
        _east = new float[capacity];
        _north = new float[capacity];
        Array.Fill(_west, float.NaN);
        Columns = [.. FacetDimensions.Stored.Select(d => new FacetColumn(d, capacity))];
        Profiles = new FacetProfiles(Columns.Length, capacity);
    }

    public FacetColumn[] Columns { get; }

    /// <summary>Each document's value sets across the columns, as one interned profile.</summary>
    public FacetProfiles Profiles { get; }

    /// <summary>One past the highest document number seen.</summary>
    public int Size { get; private set; }

    public int LiveCount { get; private set; }

    /// <summary>Bumped on every change, so caches derived from these fields know when to rebuild.</summary>
    public long Version { get; private set; }

    public FacetColumn Column(string dimension) => Columns.First(c => c.Dimension.Name == dimension);

    public bool IsLive(int doc) => doc < Size && _live[doc];

    public double Newest(int doc) => _newest[doc];

    /// <summary>The radius of the document's sky footprint in degrees (0 for a point, NaN without one).</summary>
    public double FootprintRadius(int doc) => doc < Size && !double.IsNaN(_dec[doc]) ? _radius[doc] : double.NaN;

    public void Set(ResidentRow row)
    {
        var doc = row.Ordinal;
        EnsureCapacity(doc + 1);
        if (!_live[doc])
        {
            LiveCount++;
        }
        _live[doc] = true;
        _ra[doc] = row.Ra ?? double.NaN;
        _dec[doc] = row.Dec ?? double.NaN;
        _radius[doc] = row.Radius ?? 0;
        _west[doc] = (float)(row.West ?? double.NaN);
        _south[doc] = (float)(row.South ?? double.NaN);
        _east[doc] = (float)(row.East ?? double.NaN);
        _north[doc] = (float)(row.North ?? double.NaN);
        _tStart[doc] = row.TimeStart ?? double.NegativeInfinity;
        _tEnd[doc] = row.TimeEnd ?? double.PositiveInfinity;
        if (row.TimeStart is null && row.TimeEnd is null)
        {
            _tStart[doc] = double.NaN;
        }
        _newest[doc] = row.Newest ?? double.NegativeInfinity;

        for (var d = 0; d < Columns.Length; d++)
        {
            var column = Columns[d];
            var values = row.Facets[d];
            var parent = column.Dimension.Hierarchical && values.Count > 0 ? column.Taxonomy.GetOrAdd(row.Parents[d] ?? "Other") : -1;
            if (values.Count == 1)
            {
                column.Set(doc, column.Taxonomy.GetOrAdd(values[0], parent));
            }
            else
            {
                column.Set(doc, values.Select(v => column.Taxonomy.GetOrAdd(v, parent)));
            }
        }
        Profiles.Set(doc, Columns);
        Size = Math.Max(Size, doc + 1);
        Version++;
    }

    public void Remove(int doc)
    {
        if (!IsLive(doc))
        {
            return;
        }
        _live[doc] = false;
        LiveCount--;
        foreach (var column in Columns)
        {
            column.Clear(doc);
        }
        Profiles.Clear(doc);
        Version++;
    }

    /// <summary>Whether the document's sky footprint meets the cone (circle against circle, on the sphere).</summary>
    public bool MeetsCone(int doc, Cone cone)
    {
        var dec = _dec[doc];
        if (double.IsNaN(dec))
        {
            return false;
        }
        var reach = cone.Radius + _radius[doc];
        // Cheap declination band first; the great-circle distance handles RA wrap-around and the poles.
        if (Math.Abs(dec - cone.Dec) > reach)
        {
            return false;
        }
        return SkyGeometry.AngularDistance(cone.Ra, cone.Dec, _ra[doc], dec) <= reach;
    }

    public bool MeetsBox(int doc, BoundingBox box)
    {
        var west = _west[doc];
        if (float.IsNaN(west))
        {
            return false;
        }
        return new BoundingBox(west, _south[doc], _east[doc], _north[doc]).Intersects(box);
    }

    /// <summary>Whether the document's time range overlaps [start, end] (unix seconds, either may be open).</summary>
    public bool MeetsTime(int doc, double start, double end)
    {
        var s = _tStart[doc];
        if (double.IsNaN(s))
        {
            return false;
        }
        return s <= end && _tEnd[doc] >= start;
    }

    private void EnsureCapacity(int size)
    {
        if (size <= _live.Length)
        {
            return;
        }
        var capacity = Math.Max(size, _live.Length * 2);
        Array.Resize(ref _live, capacity);
        Grow(ref _ra, capacity);
        Grow(ref _dec, capacity);
        Grow(ref _radius, capacity);
        Grow(ref _tStart, capacity);
        Grow(ref _tEnd, capacity);
        Grow(ref _newest, capacity);
        GrowF(ref _west, capacity);
        GrowF(ref _south, capacity);
        GrowF(ref _east, capacity);
        GrowF(ref _north, capacity);
        foreach (var column in Columns)
        {
            column.EnsureCapacity(capacity);
        }
        Profiles.EnsureCapacity(capacity);
    }

    private static double[] NaNs(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static void Grow(ref double[] array, int capacity)
    {
        var old = array.Length;
        Array.Resize(ref array, capacity);
        array.AsSpan(old).Fill(double.NaN);
    }

    private static void GrowF(ref float[] array, int capacity)
    {
        var old = array.Length;
        Array.Resize(ref array, capacity);
        array.AsSpan(old).Fill(float.NaN);
    }
}
