using System.Runtime.CompilerServices;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>How an ObsCore table is harvested: which table, the unique key to page by, and the change date if there is one.</summary>
public sealed record TapTableOptions(
    string Table = "ivoa.obscore",
    string KeyColumn = "obs_publisher_did",
    string? ModifiedColumn = null,
    int PageSize = 1000,
    bool UseAsyncJobs = false);

/// <summary>
/// Harvests an ObsCore table over TAP in keyset pages (<c>ORDER BY key</c>, <c>WHERE key &gt; last</c>),
/// so a table of millions of rows is read in bounded pages and a run can resume after its last page.
/// With a change-date column, an incremental run asks only for rows changed since the last run.
/// </summary>
public sealed class TapObsCoreConnector(TapClient client, ObsCoreMapper mapper, CollectionRollup rollup, TapTableOptions options) : IHarvestConnector
{
    /// <summary>Extra tries for a page whose body came back broken (truncated, malformed) before the run stops.</summary>
    public int PageAttempts { get; init; } = 3;

    public bool SupportsIncremental => options.ModifiedColumn is not null;

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = cursor.AfterKey;
        var page = 0;
        while (true)
        {
            page++;
            var query = AdqlQuery.From(options.Table).Top(options.PageSize).OrderBy(options.KeyColumn);
            if (after is not null)
            {
                query.Where(options.KeyColumn, AdqlComparison.Greater, after);
            }
            if (cursor.ModifiedSince is { } since && options.ModifiedColumn is { } modified)
            {
                query.Where(modified, AdqlComparison.Greater, since);
            }
            var document = await FetchAsync(query, page, after, ct);
            if (document.Tables.Count == 0)
            {
                yield break;
            }
            var (meta, cells) = document.Tables[0];
            var records = new List<Records.AssetRecord>(cells.Count);
            var failures = new List<HarvestFailure>();
            DateTimeOffset? newest = null;
            string? last = null;
            var n = 0;
            foreach (var row in VoRow.Of(meta, cells))
            {
                n++;
                last = row.Text(options.KeyColumn) ?? last;
                var (record, failure) = mapper.Map(row, $"page {page} (after '{after ?? "start"}'), row {n}");
                if (record is not null)
                {
                    records.Add(record);
                }
                if (failure is not null)
                {
                    failures.Add(failure);
                }
                if (options.ModifiedColumn is { } column && row.Timestamp(column) is { } changed && (newest is null || changed > newest))
                {
                    newest = changed;
                }
            }
            yield return new HarvestPage(records, failures, last, newest);
            // A short page is the last one, unless the service cut it at its own row limit (OVERFLOW).
            if ((cells.Count < options.PageSize && !document.Overflow) || last is null)
            {
                yield break;
            }
            after = last;
        }
    }

    public async IAsyncEnumerable<string>? CurrentIdsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var key in client.KeysAsync(options.Table, options.KeyColumn, ct))
        {
            yield return $"{mapper.SourceId}:{key}";
        }
    }

    /// <summary>One record per collection, from aggregates the service computes over the whole table.</summary>
    public async Task<IReadOnlyList<Records.AssetRecord>> SummariesAsync(CancellationToken ct)
    {
        var extent = AdqlQuery.From(options.Table)
            .Select("obs_collection", "facility_name")
            .SelectAggregate("COUNT", null, "n")
            .SelectAggregate("MIN", "t_min", "t_lo").SelectAggregate("MAX", "t_max", "t_hi")
            .SelectAggregate("MIN", "em_min", "em_lo").SelectAggregate("MAX", "em_max", "em_hi")
            .GroupBy("obs_collection", "facility_name");
        var document = await client.QueryAsync(extent, 100_000, ct);
        foreach (var row in VoRow.Of(document.Tables[0].Meta, document.Tables[0].Rows))
        {
            if (row.Text("obs_collection") is { } collection)
            {
                rollup.Add(collection, row.Text("facility_name"), row.Integer("n") ?? 0, row.Number("t_lo"), row.Number("t_hi"), row.Number("em_lo"), row.Number("em_hi"));
            }
        }
        var kinds = AdqlQuery.From(options.Table).Select("obs_collection", "instrument_name", "dataproduct_type", "access_format").Distinct();
        document = await client.QueryAsync(kinds, 100_000, ct);
        foreach (var row in VoRow.Of(document.Tables[0].Meta, document.Tables[0].Rows))
        {
            if (row.Text("obs_collection") is { } collection)
            {
                rollup.AddKinds(collection, row.Text("instrument_name"), row.Text("dataproduct_type"), row.Text("access_format"));
            }
        }
        return rollup.Records();
    }

    private async Task<VoTableDocument> FetchAsync(AdqlQuery query, int page, string? after, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return options.UseAsyncJobs
                    ? await client.RunJobAsync(query, options.PageSize, TimeSpan.FromMinutes(10), ct)
                    : await client.QueryAsync(query, options.PageSize, ct);
            }
            catch (VoTableFormatException) when (attempt < PageAttempts)
            {
                continue; // a broken body may be a broken connection: ask again
            }
            catch (VoTableFormatException e)
            {
                throw new HarvestPageException($"page {page} (after '{after ?? "start"}') is not a readable VOTable after {attempt} tries: {e.Message}", query.ToAdql(), e);
            }
            catch (VoTableQueryException e)
            {
                throw new HarvestPageException($"page {page} (after '{after ?? "start"}'): the service reported an error: {e.ServiceMessage}", query.ToAdql(), e);
            }
            catch (TapServiceException e)
            {
                throw new HarvestPageException($"page {page} (after '{after ?? "start"}'): {e.Message}", query.ToAdql(), e);
            }
        }
    }
}
