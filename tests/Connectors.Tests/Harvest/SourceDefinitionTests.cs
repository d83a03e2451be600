using System.Text.Json;
using DiscoveryPortal.Connectors.Cmr;
using DiscoveryPortal.Connectors.Harvest;
using DiscoveryPortal.Connectors.Stac;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.Zenodo;

namespace DiscoveryPortal.Connectors.Tests.Harvest;

/// <summary>A definition's common fields and its kind's options, bound from YAML, JSON and the source form alike.</summary>
public sealed class SourceDefinitionTests
{
    private static readonly SourceFile Shipped = SourceFile.Load(TestData.Path("data-samples", "sources.yaml"));

    private static SourceFile LoadYaml(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sources-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return SourceFile.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_kind_is_listed_once_with_its_own_options_type()
    {
        Assert.Equal(SourceKinds.All.Count, SourceKinds.Names.Distinct().Count());
        Assert.Contains(CmrKind.Key, SourceKinds.Names);
        Assert.DoesNotContain(SourceKinds.Registrable, k => k.Name == RecordedObsCoreKind.Key);
        Assert.All(SourceKinds.All, k => Assert.IsAssignableFrom(k.OptionsType, k.DefaultOptions()));
    }

    [Fact]
    public void Options_are_read_beside_the_common_fields_or_under_the_kinds_section()
    {
        var section = Shipped.Find("nasa-cmr-podaac").OptionsAs<CmrOptions>();
        Assert.Equal((CmrOptions.Collections, "POCLOUD"), (section.ConceptType, section.Provider));
        var flat = Shipped.Find("nasa-cmr-modis-aqua").OptionsAs<CmrOptions>();
        Assert.Equal((CmrOptions.Granules, "LAADS", "MYD021KM"), (flat.ConceptType, flat.Provider, flat.ShortName));
        Assert.Equal([5.9, 45.8, 10.5, 47.8], flat.Bbox);
        Assert.Equal("2021-06-01T00:00:00Z,2021-08-31T23:59:59Z", flat.Temporal);
        var tap = Shipped.Find("local-dachs").OptionsAs<TapObsCoreOptions>();
        Assert.Equal(("portalobs.obs", "modified", false), (tap.Table, tap.ModifiedColumn, tap.UseAsyncJobs));
        Assert.True(Shipped.Find("local-dachs-obscore").OptionsAs<TapObsCoreOptions>().UseAsyncJobs);
        Assert.Equal(500, Shipped.Find("local-dachs").PageSize);
    }

    [Fact]
    public void Settings_no_field_of_the_kind_reads_and_values_of_the_wrong_form_are_named()
    {
        var error = Assert.Throws<FormatException>(() => LoadYaml("""
            sources:
              - id: z
                kind: zenodo
                url: https://zenodo.org
                comunity: escape2020
              - id: c
                kind: cmr
                url: https://cmr.earthdata.nasa.gov/search/
                cmr:
                  conceptType: granules
                  provder: POCLOUD
              - id: p
                kind: stac-api
                url: https://example.org/stac
                pageSize: many
            """)).Message;
        Assert.Contains("'comunity' is not a setting of kind 'zenodo'", error, StringComparison.Ordinal);
        Assert.Contains("'cmr.provder' is not a setting of kind 'cmr'", error, StringComparison.Ordinal);
        Assert.Contains("a granule source names a provider", error, StringComparison.Ordinal);
        Assert.Contains("source 'p':", error, StringComparison.Ordinal);
        Assert.Contains("pageSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_stored_before_kinds_had_options_reads_as_before()
    {
        // What the catalogue kept for a registered source: every field of every kind, flat.
        const string stored = """
            {"id":"zen-team","title":"Z","kind":"zenodo","url":"https://zenodo.org","table":"ivoa.obscore","keyColumn":"obs_publisher_did",
             "modifiedColumn":null,"pageSize":25,"useAsyncJobs":false,"domain":null,"community":"escape2020","query":null,"resourceType":"software",
             "collections":[],"bbox":[],"datetime":null,"maxRecords":null,"collectionsOnly":false,"recorded":null,"files":[],"seed":false,"notes":null,"schedule":"1d"}
            """;
        var source = JsonSerializer.Deserialize<SourceDefinition>(stored, SourceJson.Options)!;
        Assert.Equal(("zen-team", 25, "1d"), (source.Id, source.PageSize, source.Schedule));
        var options = Assert.IsType<ZenodoOptions>(source.Options);
        Assert.Equal(("escape2020", "software"), (options.Community, options.ResourceType));

        var written = JsonDocument.Parse(JsonSerializer.Serialize(source, SourceJson.Options)).RootElement;
        Assert.Equal("escape2020", written.GetProperty("community").GetString());
        Assert.False(written.TryGetProperty("table", out _));
        Assert.Equal(source.WhatIsRead(), JsonSerializer.Deserialize<SourceDefinition>(written.GetRawText(), SourceJson.Options)!.WhatIsRead());
    }

    [Fact]
    public void What_is_read_changes_with_the_options_and_not_with_the_title()
    {
        var source = new SourceDefinition { Id = "s", Kind = StacApiKind.Key, Url = "https://example.org/stac", Options = new StacApiOptions { Collections = ["a"] } };
        var before = source.WhatIsRead();
        source.Title = "Renamed";
        source.Schedule = "6h";
        Assert.Equal(before, source.WhatIsRead());
        source.OptionsAs<StacApiOptions>().Collections.Add("b");
        Assert.NotEqual(before, source.WhatIsRead());
    }

    [Fact]
    public void A_probe_reads_the_same_options_in_a_few_records_and_synchronously()
    {
        var source = Shipped.Find("local-dachs-obscore");
        var probe = source.ForProbe(5);
        var options = probe.OptionsAs<TapObsCoreOptions>();
        Assert.Equal((5, 5, "ivoa.obscore", false), (probe.PageSize, probe.MaxRecords, options.Table, options.UseAsyncJobs));
        Assert.True(source.OptionsAs<TapObsCoreOptions>().UseAsyncJobs); // the source itself is untouched
    }

    [Fact]
    public void The_form_binds_a_kinds_fields_and_names_a_value_of_the_wrong_form()
    {
        var cmr = SourceKinds.Find(CmrKind.Key)!;
        Assert.Contains(cmr.FormFields, f => f.InputName == "cmr.provider");
        var values = new Dictionary<string, string> { ["cmr.conceptType"] = "granules", ["cmr.provider"] = " LAADS ", ["cmr.collectionConceptIds"] = "C1-A, C2-B", ["cmr.bbox"] = "1,2,3,4" };
        var problems = new List<string>();
        var options = Assert.IsType<CmrOptions>(SourceForm.Bind(cmr, n => values.GetValueOrDefault(n), problems));
        Assert.Empty(problems);
        Assert.Equal(("granules", "LAADS"), (options.ConceptType, options.Provider));
        Assert.Equal(["C1-A", "C2-B"], options.CollectionConceptIds);
        Assert.Equal([1.0, 2, 3, 4], options.Bbox);

        values["cmr.bbox"] = "1,2,three,4";
        SourceForm.Bind(cmr, n => values.GetValueOrDefault(n), problems);
        Assert.Equal("CMR: box west,south,east,north: '1,2,three,4' is not a comma-separated list of numbers", Assert.Single(problems));
    }

    [Theory]
    [InlineData("recorded-cmr-collections", 20)]
    [InlineData("recorded-cmr-granules", 30)]
    public async Task The_recorded_cmr_sources_replay_through_the_connector(string id, int records)
    {
        using var http = new HttpClient();
        var connector = HarvestConnectors.Create(Shipped.Find(id), Shipped, http, TestData.Missions, TimeProvider.System);
        var pages = new List<HarvestPage>();
        await foreach (var page in connector.PagesAsync(new HarvestCursor(), CancellationToken.None))
        {
            pages.Add(page);
        }
        var only = Assert.Single(pages);
        Assert.Equal((records, 0), (only.Records.Count, only.Failures.Count));
        Assert.All(only.Records, r => Assert.StartsWith(id + ":", r.Id, StringComparison.Ordinal));
    }
}
