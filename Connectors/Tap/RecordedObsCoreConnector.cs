using System.Runtime.CompilerServices;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.VoTable;

namespace DiscoveryPortal.Connectors.Tap;

/// <summary>
/// Replays recorded ObsCore responses (one VOTable file per keyset page, in file-name order) through the
/// same mapping as a live harvest, so the portal can show TAP records without a server.
/// </summary>
public sealed class RecordedObsCoreConnector(IReadOnlyList<string> files, ObsCoreMapper mapper, CollectionRollup rollup) : IHarvestConnector
{
    public bool SupportsIncremental => false;

    public async IAsyncEnumerable<HarvestPage> PagesAsync(HarvestCursor cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var page = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            page++;
            VoTableDocument document;
            try
            {
                await using var stream = File.OpenRead(file);
                document = VoTableReader.ReadAll(stream);
            }
            catch (Exception e) when (e is VoTableFormatException or VoTableQueryException or IOException)
            {
                throw new HarvestPageException($"recorded page {Path.GetFileName(file)}: {e.Message}", file, e);
            }
            var records = new List<AssetRecord>();
            var failures = new List<HarvestFailure>();
            string? last = null;
            var n = 0;
            foreach (var (meta, rows) in document.Tables)
            {
                foreach (var row in VoRow.Of(meta, rows))
                {
                    n++;
                    var key = ObsCoreMapper.NativeId(row);
                    if (cursor.AfterKey is not null && key is not null && string.CompareOrdinal(key, cursor.AfterKey) <= 0)
                    {
                        continue;
                    }
                    last = key ?? last;
                    var (record, failure) = mapper.Map(row, $"{Path.GetFileName(file)} row {n}");
                    if (record is not null)
                    {
                        records.Add(record);
                        Roll(row);
                    }
                    if (failure is not null)
                    {
                        failures.Add(failure);
                    }
                }
            }
            yield return new HarvestPage(records, failures, last, null);
        }
    }

    public IAsyncEnumerable<string>? CurrentIdsAsync(CancellationToken ct) => null;

    public Task<IReadOnlyList<AssetRecord>> SummariesAsync(CancellationToken ct) => Task.FromResult(rollup.Records());

    private void Roll(VoRow row)
    {
        if (row.Text("obs_collection") is not { } collection)
        {
            return;
        }
        rollup.Add(collection, row.Text("facility_name"), 1, row.Number("t_min"), row.Number("t_max") ?? row.Number("t_min"), row.Number("em_min"), row.Number("em_max"));
        rollup.AddKinds(collection, row.Text("instrument_name"), row.Text("dataproduct_type"), row.Text("access_format"));
    }
}
