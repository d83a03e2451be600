using System.Text.Json;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.OaiPmh;
using DiscoveryPortal.SearchApi.Tests.Clients;
using DiscoveryPortal.SearchApi.Tests.Harvest;

namespace DiscoveryPortal.SearchApi.Tests.Oai;

/// <summary>The portal's own OAI-PMH connector (tested against DaCHS) harvests the portal's /oai into another, empty catalogue.</summary>
public sealed class OwnConnectorHarvestTests : IAsyncLifetime
{
    private readonly LiveApiServer _portal = new() { Settings = ["--Oai:PageSize=60"] };
    private readonly HarvestHost _harvester = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public async Task DisposeAsync()
    {
        _harvester.Dispose();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task The_oai_connector_harvests_one_domain_of_the_portal_page_by_page()
    {
        var sources = _harvester.Sources();
        sources.Sources.Add(new SourceDefinition
        {
            Id = "portal",
            Title = "The portal itself",
            Kind = OaiPmhKind.Key,
            Url = _portal.BaseUrl.TrimEnd('/') + "/oai",
            Options = new OaiPmhOptions { MetadataPrefix = OaiPmhOptions.DublinCore, Set = "domain:earth-observation" },
        });
        var run = await _harvester.HarvestAsync("portal", sources);

        using var search = JsonDocument.Parse(await _portal.Client.GetStringAsync("/api/search?size=1&domain=Earth%20Observation"));
        var total = search.RootElement.GetProperty("total").GetInt32();
        Console.WriteLine($"harvested {run.Added:N0} records in {run.Pages} pages from the portal's /oai");
        Assert.Equal(("completed", 0), (run.Status, run.Failed));
        Assert.Equal(total, run.Added);
        Assert.True(run.Pages > 1, "the set takes several pages");
    }
}
