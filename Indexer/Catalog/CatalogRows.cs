using System.Globalization;
using System.Text.Json;
using DiscoveryPortal.Connectors.Records;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Catalog;

/// <summary>How the catalogue's stores keep times: ISO 8601 UTC text with seven decimals, which sorts as it reads.</summary>
public static class StoredTime
{
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? s) =>
        s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>A numbered change as every backend reads it from the assets table.</summary>
public sealed class ChangeRow
{
    public long Sequence { get; set; }
    public string Id { get; set; } = "";
    public long Ordinal { get; set; }
    public byte[] Record { get; set; } = [];
    public string HarvestedAt { get; set; } = "";
    public bool Withdrawn { get; set; }

    // A record that cannot be read is followed as gone, so the index drops what it held of it, and said once by name.
    private CatalogChange Change(bool fromStart, ILogger logger) => new(Sequence, Id, Ordinal,
        Withdrawn ? null : AssetRow.Readable(Id, Record, HarvestedAt, logger), fromStart);

    /// <summary>The live and withdrawn changes merged with the removals, in order, at most <paramref name="limit"/>.</summary>
    public static List<CatalogChange> Merge(IReadOnlyList<ChangeRow> rows, IEnumerable<(long Sequence, string Id, long Ordinal)> removed, long after, int limit, ILogger logger) =>
        // From the start, every live asset comes once, to an index that holds nothing yet.
        rows.Select(r => r.Change(after == 0, logger))
            .Concat(removed.Select(r => new CatalogChange(r.Sequence, r.Id, r.Ordinal, null)))
            .OrderBy(c => c.Sequence)
            .Take(limit)
            .ToList();
}

/// <summary>An asset's row as every backend reads it.</summary>
public sealed record AssetRow(string Id, byte[] Record, string? Native, string? NativeType, string HarvestedAt, string UpdatedAt, string? WithdrawnAt)
{
    /// <summary>The columns a query reads into this row.</summary>
    public const string Columns =
        "id AS Id, record AS Record, native AS Native, native_type AS NativeType, harvested_at AS HarvestedAt, updated_at AS UpdatedAt, withdrawn_at AS WithdrawnAt";

    /// <summary>The asset as stored; a record that cannot be read is a <see cref="StoredRecordException"/> naming it.</summary>
    public StoredAsset Stored => new(Read(Id, Record, HarvestedAt), Native, NativeType, StoredTime.Parse(UpdatedAt)!.Value, StoredTime.Parse(WithdrawnAt));

    /// <summary>The asset as stored, or null (said in the log by name) when its record cannot be read: one damaged row does not stop a listing.</summary>
    public StoredAsset? Listed(ILogger logger) =>
        Readable(Id, Record, HarvestedAt, logger) is { } record ? new(record, Native, NativeType, StoredTime.Parse(UpdatedAt)!.Value, StoredTime.Parse(WithdrawnAt)) : null;

    /// <summary>The record as stored, with the harvest time its row keeps (none when <paramref name="harvestedAt"/> is null: the record's content alone).</summary>
    public static AssetRecord Read(string id, byte[] stored, string? harvestedAt) =>
        harvestedAt is null ? StoredRecord.Decode(id, stored) : StoredRecord.Decode(id, stored) with { HarvestedAt = StoredTime.Parse(harvestedAt)!.Value };

    /// <summary>The records' content as stored, without their harvest time; one that cannot be read is said in the log by name and left out.</summary>
    public static IEnumerable<AssetRecord> Contents(IEnumerable<(string Id, byte[] Record)> rows, ILogger logger) =>
        rows.Select(r => Readable(r.Id, r.Record, null, logger)).OfType<AssetRecord>();

    /// <summary>Rows read by document number, as records keyed by it; one that cannot be read is said in the log by name and left out.</summary>
    public static Dictionary<long, AssetRecord> ByOrdinal(IEnumerable<(long Ordinal, string Id, byte[] Record, string HarvestedAt)> rows, ILogger logger)
    {
        var records = new Dictionary<long, AssetRecord>();
        foreach (var row in rows)
        {
            if (Readable(row.Id, row.Record, row.HarvestedAt, logger) is { } record)
            {
                records[row.Ordinal] = record;
            }
        }
        return records;
    }

    /// <summary>The record as stored, or null, said in the log by name, when it cannot be read.</summary>
    public static AssetRecord? Readable(string id, byte[] stored, string? harvestedAt, ILogger logger)
    {
        try
        {
            return Read(id, stored, harvestedAt);
        }
        catch (StoredRecordException e)
        {
            logger.LogError(e, "{Message}", e.Message);
            return null;
        }
    }
}

/// <summary>A harvest run's row as every backend reads and writes it.</summary>
public sealed class HarvestRunRow
{
    public string SourceId { get; set; } = "";
    public string StartedAt { get; set; } = "";
    public string FinishedAt { get; set; } = "";
    public string Mode { get; set; } = "";
    public string Status { get; set; } = "";
    public long Pages { get; set; }
    public long RowsRead { get; set; }
    public long? Records { get; set; }
    public long Added { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Removed { get; set; }
    public long Failed { get; set; }
    public string ErrorsJson { get; set; } = "[]";

    /// <summary>The columns a query reads into this row.</summary>
    public const string Columns =
        "source_id AS SourceId, started_at AS StartedAt, finished_at AS FinishedAt, mode AS Mode, status AS Status, pages AS Pages, rows_read AS RowsRead, " +
        "added AS Added, updated AS Updated, unchanged AS Unchanged, removed AS Removed, failed AS Failed, errors_json AS ErrorsJson, records AS Records";

    public HarvestRun Run => new(SourceId, StoredTime.Parse(StartedAt)!.Value, StoredTime.Parse(FinishedAt)!.Value, Mode, Status,
        (int)Pages, (int)RowsRead, (int)Added, (int)Updated, (int)Unchanged, (int)Removed, (int)Failed,
        JsonSerializer.Deserialize<List<HarvestError>>(ErrorsJson) ?? [])
    { Records = Records };

    /// <summary>The run's values as query arguments (@SourceId, @StartedAt, ... @ErrorsJson), at most 50 errors.</summary>
    public static object Args(HarvestRun run) => new
    {
        run.SourceId,
        StartedAt = StoredTime.Format(run.StartedAt),
        FinishedAt = StoredTime.Format(run.FinishedAt),
        run.Mode,
        run.Status,
        run.Pages,
        run.RowsRead,
        run.Added,
        run.Updated,
        run.Unchanged,
        run.Removed,
        run.Failed,
        ErrorsJson = JsonSerializer.Serialize(run.Errors.Take(50)),
    };
}
