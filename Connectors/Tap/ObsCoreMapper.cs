using System.Globalization;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>
/// Turns ObsCore rows into records: one per observation, identified by <c>obs_publisher_did</c> (or
/// <c>obs_id</c>), with the mission found through the shared alias table from <c>obs_collection</c> or
/// <c>facility_name</c>, the sky footprint from <c>s_region</c> (else the centre and field of view),
/// MJD times, and wavebands from the wavelength range.
/// </summary>
public sealed class ObsCoreMapper(string sourceId, string sourceTitle, MissionVocabulary missions, TimeProvider clock)
{
    public string SourceId => sourceId;

    /// <summary>The native id of a row, the key a harvest pages by.</summary>
    public static string? NativeId(VoRow row) => row.Text("obs_publisher_did") ?? row.Text("obs_id");

    /// <summary>
    /// Maps a row; a row that cannot be a record comes back as a failure naming why, with the row as sample.
    /// A row with a field that contradicts itself (a start after its end, a size no file has) is kept with
    /// that field flagged, and the flag comes back as a kept failure.
    /// </summary>
    public (AssetRecord? Record, HarvestFailure? Failure) Map(VoRow row, string where)
    {
        var id = NativeId(row);
        if (id is null)
        {
            return (null, new HarvestFailure(where, "the row has neither obs_publisher_did nor obs_id", row.Describe(400)));
        }
        try
        {
            var flags = new List<string>();
            var record = Build(row, id, flags);
            return (record, flags.Count == 0 ? null : new HarvestFailure(where, $"kept {id} with {string.Join("; ", flags)}", row.Describe(400), Kept: true));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return (null, new HarvestFailure(where, e.Message, row.Describe(400)));
        }
    }

    /// <summary>The canonical mission of a row: the collection if the alias table knows it, else the facility.</summary>
    public string? Mission(string? collection, string? facility) =>
        missions.Resolve(collection)?.Name ?? missions.Resolve(facility)?.Name ?? facility ?? collection;

    /// <summary>Whether a name is a mission of the shared table.</summary>
    public bool Knows(string name) => missions.Resolve(name) is not null;

    private AssetRecord Build(VoRow row, string id, List<string> flags)
    {
        var collection = row.Text("obs_collection");
        var facility = row.Text("facility_name");
        var instrument = row.Text("instrument_name");
        var target = row.Text("target_name");
        var targetClass = row.Text("target_class");
        var product = row.Text("dataproduct_type")?.ToLowerInvariant();
        var obsId = row.Text("obs_id");
        var mission = Mission(collection, facility);
        var regionField = row.Meta.Fields.FirstOrDefault(f => string.Equals(f.Name, "s_region", StringComparison.OrdinalIgnoreCase));
        var sky = StcRegion.Parse(row["s_region"], regionField?.Xtype) ?? Centre(row);
        var start = VoRow.FromMjd(row.Number("t_min"));
        var end = VoRow.FromMjd(row.Number("t_max"));
        var emMin = row.Number("em_min");
        var emMax = row.Number("em_max");
        var format = row.Text("access_format");
        var sizeKb = row.Integer("access_estsize");
        long? sizeBytes = sizeKb is > 0 and <= long.MaxValue / 1024 ? sizeKb * 1024 : null;
        if (sizeKb > long.MaxValue / 1024)
        {
            flags.Add($"access_estsize flagged: {sizeKb} kB is more than any file holds, so the size is left out");
        }
        var url = row.Text("access_url") is { } link && RecordValidator.IsHttpUrl(link) ? link : null;

        var title = row.Text("obs_title")
            ?? string.Join(' ', new[] { mission, instrument, product, target is null ? null : "of " + target }.Where(s => s is not null));
        if (title.Length == 0)
        {
            title = obsId ?? id; // a row that says nothing else is still named
        }
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        void Detail(string key, string? value)
        {
            if (value is not null)
            {
                details[key] = value;
            }
        }
        Detail("obs_id", obsId);
        Detail("obs_collection", collection);
        Detail("facility", facility);
        Detail("target", target);
        Detail("target class", targetClass);
        Detail("calibration level", row.Integer("calib_level")?.ToString(CultureInfo.InvariantCulture));
        Detail("exposure (s)", row.Number("t_exptime")?.ToString("0.###", CultureInfo.InvariantCulture));
        Detail("wavelength (m)", emMin is null && emMax is null ? null : $"{emMin?.ToString("G4", CultureInfo.InvariantCulture) ?? "?"} – {emMax?.ToString("G4", CultureInfo.InvariantCulture) ?? "?"}");
        Detail("field of view (deg)", row.Number("s_fov")?.ToString("G4", CultureInfo.InvariantCulture));
        Detail("subtype", row.Text("dataproduct_subtype"));
        var time = Time(start, end, flags);
        if (flags.Count > 0)
        {
            details["flagged"] = string.Join("; ", flags);
        }

        var description = $"{Capital(product ?? "observation")} {(target is null ? "" : $"of {target}{(targetClass is null ? "" : $" ({targetClass})")} ")}"
            + $"taken with {instrument ?? "an unnamed instrument"}{(facility is null ? "" : $" on {facility}")}"
            + $"{(collection is null ? "" : $", collection {collection}")}, published by {sourceTitle}."
            + (start is { } s ? $" Observed {s:yyyy-MM-dd}." : "");

        return new AssetRecord
        {
            Id = $"{sourceId}:{id}",
            SourceId = sourceId,
            Title = title,
            Description = description,
            Domain = Domains.SpaceScience,
            Mission = mission,
            Instruments = instrument is null ? [] : [instrument],
            AssetType = AssetType.Observation,
            ProductTypes = product is null ? [] : [product],
            Formats = format is null ? [] : [format],
            Keywords = new[] { target, targetClass, collection, instrument, product }.OfType<string>().ToList(),
            Access = url is null ? [] : [new AccessLink(url, obsId ?? "data", format, sizeBytes)],
            Quicklook = Preview(row, url, format, sizeBytes),
            Sky = sky,
            Time = time,
            Wavebands = Wavebands.FromWavelengths(emMin, emMax),
            Published = start,
            Details = details,
            HarvestedAt = clock.GetUtcNow(),
            NativeHash = row.Hash(),
        };
    }

    /// <summary>
    /// The row's picture: the URL of a column marked as a preview (DaCHS's <c>ivoa.obscore</c> has <c>preview</c>, UCD
    /// <c>meta.ref.url;meta.preview</c>), else the product itself when it is a picture (a preview product whose
    /// access_format is PNG, JPEG, GIF or WebP).
    /// </summary>
    private static Quicklook? Preview(VoRow row, string? url, string? format, long? sizeBytes)
    {
        var column = row.Meta.Fields.FirstOrDefault(f => string.Equals(f.Name, "preview", StringComparison.OrdinalIgnoreCase)
            || (f.Ucd?.Split(';').Contains("meta.preview", StringComparer.OrdinalIgnoreCase) ?? false));
        if (column is not null && Quicklook.From(row.Text(column.Name), QuicklookRole.Preview) is { } preview)
        {
            return preview;
        }
        return Quicklook.IsImageType(format) ? Quicklook.From(url, QuicklookRole.Preview, format, sizeBytes) : null;
    }

    /// <summary>
    /// The time range: a missing t_max is an open end (an observation still running, or a survey with no end
    /// given), not an instant. A t_min after t_max is kept as the span between them, with the field flagged.
    /// </summary>
    private static TimeRange? Time(DateTimeOffset? start, DateTimeOffset? end, List<string> flags)
    {
        if (start is null && end is null)
        {
            return null;
        }
        if (start is { } s && end is { } e && e < s)
        {
            flags.Add($"time flagged: t_min ({s:O}) is after t_max ({e:O}), so the range is read from t_max to t_min");
            return new TimeRange(e, s);
        }
        return new TimeRange(start, end);
    }

    /// <summary>
    /// The footprint from the centre and field of view when there is no region. A field of view of 360 degrees
    /// or more is the whole sky (a circle of radius 180 about any centre), whether or not a centre is given.
    /// </summary>
    private static SkyFootprint? Centre(VoRow row)
    {
        var ra = row.Number("s_ra");
        var dec = row.Number("s_dec");
        var fov = row.Number("s_fov");
        if (fov >= 360)
        {
            return new SkyFootprint(ra is { } r ? ((r % 360) + 360) % 360 : 0, dec is >= -90 and <= 90 ? dec.Value : 0, 180);
        }
        if (ra is null || dec is null || dec is < -90 or > 90)
        {
            return null;
        }
        var radius = fov is > 0 ? fov.Value / 2 : 0;
        return new SkyFootprint(((ra.Value % 360) + 360) % 360, dec.Value, radius);
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
