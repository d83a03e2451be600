using System.Diagnostics;
using DiscoveryPortal.Connectors.Csw;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Indexer.Bench;

namespace DiscoveryPortal.SearchApi.Tests.Harvest;

/// <summary>
/// CSW harvests through the real connector against the loopback server, which answers GetRecords over the
/// recorded ISO 19139 documents of OWSLib's tests (data-samples/csw): paging by startPosition and nextRecord,
/// incremental runs by Modified, withdrawals after a full read, a truncated page, a 5xx and a 429.
/// </summary>
public sealed class CswHarvestTests : IAsyncLifetime
{
    private readonly HarvestHost _host = new();
    private RecordedSourceServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordedSourceServer.StartAsync(TestPaths.DataSamples());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    private SourceFile Csw(int pageSize = 2)
    {
        var sources = _host.Sources();
        sources.Sources.Add(new SourceDefinition { Id = "csw", Title = "CSW", Kind = CswKind.Key, Url = _server.CswUrl.ToString(), PageSize = pageSize, Options = new CswOptions() });
        return sources;
    }

    private List<string> Requests() => _server.Log.Where(l => l.StartsWith("GET /csw?", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Pages_follow_next_record_and_every_document_lands_in_search()
    {
        var total = _server.CswRecords.Count;
        var run = await _host.HarvestAsync("csw", Csw());
        Assert.Equal(("completed", (total + 1) / 2, total, 0), (run.Status, run.Pages, run.Added, run.Failed));
        var requests = Requests();
        Assert.Contains("startPosition=1&maxRecords=2", requests[0], StringComparison.Ordinal);
        Assert.Contains("startPosition=3&maxRecords=2", requests[1], StringComparison.Ordinal);
        Assert.Contains("outputSchema=http%3A%2F%2Fwww.isotc211.org%2F2005%2Fgmd", requests[0], StringComparison.Ordinal);
        Assert.Equal(total, (long)(await _host.SearchAsync("source=csw"))["total"]!);
    }

    [Fact]
    public async Task A_reharvest_asks_for_what_was_modified_and_a_full_one_withdraws_what_is_gone()
    {
        var total = _server.CswRecords.Count;
        Assert.Equal(total, (await _host.HarvestAsync("csw", Csw())).Added);
        var again = await _host.HarvestAsync("csw", Csw());
        Assert.Equal(("incremental", "completed"), (again.Mode, again.Status));
        Assert.Contains("constraint=Modified%20%3E%3D%20%27", Requests()[^1], StringComparison.Ordinal);

        _server.CswRecords.RemoveAt(0);
        var full = await _host.HarvestAsync("csw", Csw(), full: true);
        Assert.Equal(("full", "completed", 1), (full.Mode, full.Status, full.Removed));
        Assert.Equal(total - 1, (long)(await _host.SearchAsync("source=csw"))["total"]!);
    }

    [Fact]
    public async Task A_truncated_page_fails_the_run_and_the_next_one_resumes_at_its_start_position()
    {
        _server.Faults = (_, r) => (string?)r.Query["startPosition"] == "3" ? ServerFault.CutShort : null;
        var broken = await _host.HarvestAsync("csw", Csw());
        Assert.Equal(("failed", 2, 0), (broken.Status, broken.Added, broken.Removed));
        Assert.Contains("not complete XML", Assert.Single(broken.Errors).Reason, StringComparison.Ordinal);
        _server.Faults = null;
        var resumed = await _host.HarvestAsync("csw", Csw());
        Assert.Equal(("resumed", "completed", _server.CswRecords.Count - 2), (resumed.Mode, resumed.Status, resumed.Added));
        Assert.Contains("startPosition=3", Requests()[^resumed.Pages], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_a_500_retried()
    {
        _server.Faults = (n, _) => n switch { 1 => ServerFault.Code(429, retryAfter: 1), 3 => ServerFault.Code(500), _ => null };
        var watch = Stopwatch.StartNew();
        var run = await _host.HarvestAsync("csw", Csw(pageSize: 100));
        Assert.Equal(("completed", _server.CswRecords.Count), (run.Status, run.Added));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task An_exception_report_fails_the_run_naming_its_code()
    {
        var sources = Csw();
        sources.Find("csw").OptionsAs<CswOptions>().TypeNames = "csw:Nothing";
        var run = await _host.HarvestAsync("csw", sources);
        Assert.Equal(("failed", 0), (run.Status, run.Added));
        Assert.Contains("the catalogue answered InvalidParameterValue", Assert.Single(run.Errors).Reason, StringComparison.Ordinal);
    }
}
