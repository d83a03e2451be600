using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using DiscoveryPortal.Connectors.Cmr;
using DiscoveryPortal.Connectors.Csw;
using DiscoveryPortal.Connectors.Normalisation;
using DiscoveryPortal.Connectors.OaiPmh;
using DiscoveryPortal.Connectors.OpenSearch;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Connectors.Stac;
using DiscoveryPortal.Connectors.Tap;
using DiscoveryPortal.Connectors.VoTable;
using DiscoveryPortal.Connectors.Zenodo;
using Xunit.Abstractions;

namespace DiscoveryPortal.Connectors.Tests.Fidelity;

/// <summary>
/// Mapping fidelity as a benchmark: every recorded response of every connector mapped and normalised as a
/// harvest stores it, each field compared with what the source says (read here on its own), and the accuracy
/// per field printed, with the hand-written mission table alone ("hand") beside the table with the lists it
/// includes ("full"). Fields the mapping must always get right are asserted whole; mission and instrument
/// are asserted against the judged spellings below and never worse with the full table.
/// </summary>
public sealed class MappingFidelityTests(ITestOutputHelper output)
{
    private static readonly MissionVocabulary Hand = MissionVocabulary.Parse(new StringReader(File.ReadAllText(TestData.Path("data-samples", "vocabulary", "missions.yaml"))));
    private static readonly MissionVocabulary Full = TestData.Missions;

    /// <summary>Per field, how many records were compared and how many agreed with the source.</summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<string, (int Right, int Total)> _fields = new(StringComparer.Ordinal);

        public void Check(string field, bool right)
        {
            var (r, t) = _fields.GetValueOrDefault(field);
            _fields[field] = (r + (right ? 1 : 0), t + 1);
        }

        public double Accuracy(string field) => _fields.TryGetValue(field, out var f) && f.Total > 0 ? (double)f.Right / f.Total : double.NaN;

        public int Total(string field) => _fields.GetValueOrDefault(field).Total;

        public IEnumerable<string> Fields => _fields.Keys;
    }

    /// <summary>Runs a connector's comparison with both tables, prints it, and asserts the fields that must be whole.</summary>
    private void Measure(string connector, Func<MissionVocabulary, Tally> run, params string[] whole)
    {
        var (hand, full) = (run(Hand), run(Full));
        Print(connector, hand, full);
        AssertWhole(full, whole);
        AssertNoWorse(hand, full);
    }

    private void Print(string connector, Tally hand, Tally full)
    {
        output.WriteLine($"{connector}: field, records compared, accuracy with the hand table, with the full table");
        foreach (var field in full.Fields)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {field,-12} {full.Total(field),5}  {hand.Accuracy(field),7:P1}  {full.Accuracy(field),7:P1}"));
        }
    }

    private static void AssertWhole(Tally tally, params string[] fields)
    {
        foreach (var field in fields)
        {
            Assert.True(tally.Accuracy(field) == 1.0, $"{field}: {tally.Accuracy(field):P1}");
        }
    }

    private static void AssertNoWorse(Tally hand, Tally full)
    {
        foreach (var field in full.Fields)
        {
            Assert.True(full.Accuracy(field) >= hand.Accuracy(field), $"{field}: {full.Accuracy(field):P1} with the full table, {hand.Accuracy(field):P1} with the hand table");
        }
    }

    private static string Key(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    // The instruments the recorded DaCHS rows name, as an astronomer counts them: modes and detectors are one instrument.
    private static readonly Dictionary<string, string> DachsInstruments = new(StringComparer.Ordinal)
    {
        ["ACS/WFC"] = "ACS",
        ["WFC3/UVIS"] = "WFC3",
        ["WFC3/IR"] = "WFC3",
        ["STIS"] = "STIS",
        ["COS"] = "COS",
        ["EPIC-pn"] = "EPIC",
        ["EPIC-MOS1"] = "EPIC",
        ["EPIC-MOS2"] = "EPIC",
        ["RGS1"] = "RGS",
        ["OM"] = "OM",
        ["NIRCAM"] = "NIRCam",
        ["MIRI"] = "MIRI",
        ["NIRSPEC"] = "NIRSpec",
        ["NIRISS"] = "NIRISS",
    };

    [Fact]
    public void Tap_obscore_rows_of_the_dachs_peer()
    {
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new ObsCoreMapper("dachs", "DaCHS", missions, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            foreach (var file in Directory.GetFiles(TestData.Path("data-samples", "tap"), "obscore-page-*.xml").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                foreach (var (meta, rows) in VoTableReader.ReadAll(stream).Tables)
                {
                    foreach (var row in VoRow.Of(meta, rows))
                    {
                        var (mapped, failure) = mapper.Map(row, file);
                        tally.Check("lands", mapped is not null && failure is null);
                        if (mapped is null)
                        {
                            continue;
                        }
                        var r = normaliser.Normalise(mapped);
                        tally.Check("id", r.Id == "dachs:" + row.Text("obs_publisher_did"));
                        tally.Check("title", r.Title == (row.Text("obs_title") ?? r.Title));
                        tally.Check("time.start", r.Time?.Start == VoRow.FromMjd(row.Number("t_min")));
                        tally.Check("time.end", r.Time?.End == VoRow.FromMjd(row.Number("t_max")));
                        tally.Check("target", r.Details.GetValueOrDefault("target") == row.Text("target_name"));
                        if (row.Number("s_ra") is { } ra && row.Number("s_dec") is { } dec && r.Sky is { } sky)
                        {
                            tally.Check("sky", SkyGeometry.AngularDistance(ra, dec, sky.Ra, sky.Dec) <= Math.Max(sky.Radius, 1e-6));
                        }
                        tally.Check("mission", r.Mission == row.Text("obs_collection"));
                        tally.Check("instrument", r.Instruments.SequenceEqual([DachsInstruments[row.Text("instrument_name")!]]));
                        tally.Check("format", r.Formats.SequenceEqual([row.Text("access_format")!]));
                        tally.Check("size", r.Access.SingleOrDefault()?.SizeBytes == (row.Integer("access_estsize") is > 0 and var kb ? kb * 1024 : null));
                    }
                }
            }
            return tally;
        }
        Measure("TAP ObsCore (recorded DaCHS, 2,100 rows)", Run, "lands", "id", "title", "time.start", "time.end", "target", "sky", "mission", "instrument", "format", "size");
    }

    // The mission each CMR platform is, as GCMD files it: a constellation's satellites are one mission; in-situ platforms are none.
    private static readonly Dictionary<string, string?> CmrMissions = new(StringComparer.Ordinal)
    {
        ["Sentinel-2A"] = "Sentinel-2",
        ["Sentinel-2B"] = "Sentinel-2",
        ["LANDSAT-8"] = "Landsat",
        ["Terra"] = "Terra",
        ["Aqua"] = "Aqua",
        ["GRACE"] = "GRACE",
        ["GRACE-FO"] = "GRACE-FO",
        ["JASON-1"] = "JASON-1",
        ["JASON-3"] = "JASON-3",
        ["OSTM/JASON-2"] = "OSTM/JASON-2",
        ["TOPEX/POSEIDON"] = "TOPEX/POSEIDON",
        ["CYGNSS"] = "CYGNSS",
        ["SWOT"] = "SWOT",
        ["SARAL"] = "SARAL",
        ["Suomi-NPP"] = "Suomi-NPP",
        ["METOP-A"] = "METOP",
        ["METOP-B"] = "METOP",
        ["METOP-C"] = "METOP",
        ["BUOYS"] = null,
        ["MOORINGS"] = null,
    };

    [Fact]
    public void Cmr_collections_and_granules()
    {
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new CmrMapper("cmr", "CMR", Domains.EarthObservation, missions, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            foreach (var file in Directory.GetFiles(TestData.Path("data-samples", "cmr"), "*.json").Order(StringComparer.Ordinal))
            {
                var granules = Path.GetFileName(file).StartsWith("granule", StringComparison.Ordinal);
                foreach (var item in JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("items").EnumerateArray())
                {
                    var entry = granules ? mapper.MapGranule(item, file) : mapper.MapCollection(item, file);
                    tally.Check("lands", entry.Record is not null);
                    if (entry.Record is null)
                    {
                        continue;
                    }
                    var r = normaliser.Normalise(entry.Record);
                    var umm = item.GetProperty("umm");
                    var conceptId = item.GetProperty("meta").GetProperty("concept-id").GetString()!;
                    tally.Check("id", r.Id.EndsWith(conceptId, StringComparison.Ordinal));
                    var platforms = umm.TryGetProperty("Platforms", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("ShortName").GetString()!).ToList() : [];
                    var expected = platforms.Select(x => CmrMissions.TryGetValue(x, out var m) ? m : x).OfType<string>().Distinct().ToList();
                    // A record of several missions (AVHRR on METOP and NOAA) names one; any of them is right.
                    var right = expected.Count == 0 ? r.MissionFamily is null or "Other" : r.Mission is not null && expected.Any(e => Key(e) == Key(r.Mission)) && r.MissionFamily != "Other";
                    tally.Check("mission", right);
                    if (!right && missions == Full)
                    {
                        output.WriteLine($"  mission of {conceptId}: {r.Mission} ({r.MissionFamily}), the source names {string.Join(", ", platforms)}");
                    }
                    var instruments = platforms.Count == 0 ? [] : p.EnumerateArray().SelectMany(x => x.TryGetProperty("Instruments", out var i) ? i.EnumerateArray() : []).Select(i => i.GetProperty("ShortName").GetString()!).Distinct().ToList();
                    tally.Check("instrument", instruments.All(i => r.Instruments.Contains(missions.ResolveInstrument(i, r.Mission)?.Name ?? i)));
                    tally.Check("instrument known", instruments.All(i => missions.ResolveInstrument(i, r.Mission) is not null));
                }
            }
            return tally;
        }
        Measure("NASA CMR (recorded collections and granules)", Run, "lands", "id", "mission", "instrument");
    }

    [Fact]
    public void Stac_items_and_collections_of_the_static_catalog()
    {
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new StacMapper("peps", "PEPS", Domains.EarthObservation, missions, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            foreach (var file in Directory.EnumerateFiles(TestData.Path("data-samples", "stac", "static"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var json = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
                var item = json.TryGetProperty("type", out var type) && type.GetString() == "Feature";
                var (mapped, _) = item ? mapper.MapItem(json, file, new Uri(file)) : mapper.MapCollection(json, file, new Uri(file));
                tally.Check("lands", mapped is not null);
                if (mapped is null)
                {
                    continue;
                }
                var r = normaliser.Normalise(mapped);
                var props = item ? json.GetProperty("properties") : json.TryGetProperty("summaries", out var s) ? s : default;
                tally.Check("mission", r.Mission == "Sentinel-2"); // every PEPS document is of Sentinel-2 (platform S2A/S2B, or SENTINEL2 in summaries)
                if (item)
                {
                    tally.Check("time.start", r.Time?.Start == DateTimeOffset.Parse(props.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture));
                    tally.Check("ground", r.Ground is not null && json.GetProperty("bbox")[0].GetDouble() == r.Ground.Box.West);
                }
                var bands = json.TryGetProperty("properties", out var pr) && pr.TryGetProperty("eo:bands", out var b) ? b.GetArrayLength() : 0;
                if (bands > 0)
                {
                    tally.Check("wavebands", r.Wavebands.SequenceEqual(["optical", "infrared"]));
                }
            }
            return tally;
        }
        Measure("STAC static catalog (recorded PEPS)", Run, "lands", "mission", "time.start", "ground", "wavebands");
    }

    [Fact]
    public void OpenSearch_atom_and_geojson_answers()
    {
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new OpenSearchMapper("os", "OpenSearch", Domains.EarthObservation, missions, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            var atom = XDocument.Load(TestData.Path("data-samples", "opensearch", "mundi", "search-page-1.xml")).Root!.Elements(OpenSearchNamespaces.Atom + "entry");
            var geo = JsonDocument.Parse(File.ReadAllText(TestData.Path("data-samples", "opensearch", "peps", "search-page-1.json"))).RootElement.GetProperty("features").EnumerateArray();
            var mapped = atom.Select(e => (mapper.MapAtom(e, "atom").Record, Title: e.Element(OpenSearchNamespaces.Atom + "title")!.Value))
                .Concat(geo.Select(f => (mapper.MapGeoJson(f, "geojson").Record, Title: f.GetProperty("properties").GetProperty("title").GetString()!)));
            foreach (var (record, title) in mapped)
            {
                tally.Check("lands", record is not null);
                if (record is null)
                {
                    continue;
                }
                var r = normaliser.Normalise(record);
                tally.Check("title", r.Title == title);
                tally.Check("mission", r.Mission == "Sentinel-2"); // every recorded answer is a Sentinel-2 scene
                tally.Check("instrument", r.Instruments.SequenceEqual(["MSI"]));
            }
            return tally;
        }
        Measure("OpenSearch (recorded Mundi Atom, PEPS GeoJSON)", Run, "lands", "title", "mission", "instrument");
    }

    [Fact]
    public void Zenodo_search_answer()
    {
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new ZenodoMapper("zen", "Zenodo", Domains.Multidisciplinary, missions, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            var hits = JsonDocument.Parse(File.ReadAllText(TestData.Path("data-samples", "zenodo", "search-phlorest-page-1.json"))).RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray();
            foreach (var hit in hits)
            {
                var entry = mapper.Map(hit, "hit");
                tally.Check("lands", entry.Record is not null);
                if (entry.Record is null)
                {
                    continue;
                }
                var r = normaliser.Normalise(entry.Record);
                tally.Check("title", r.Title == string.Join(' ', hit.GetProperty("metadata").GetProperty("title").GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
                tally.Check("doi", r.Doi is not null && hit.GetProperty("doi").GetString()!.EndsWith(r.Doi, StringComparison.OrdinalIgnoreCase));
                tally.Check("authors", r.Authors.Count == hit.GetProperty("metadata").GetProperty("creators").GetArrayLength());
            }
            return tally;
        }
        Measure("Zenodo (recorded phlorest community page)", Run, "lands", "title", "doi", "authors");
    }

    [Fact]
    public void Oai_pmh_records_of_the_dachs_peer()
    {
        XNamespace oai = "http://www.openarchives.org/OAI/2.0/";
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new OaiPmhMapper("oai", "OAI", Domains.SpaceScience, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            foreach (var prefix in new[] { "oai_dc", "ivo_vor" })
            {
                foreach (var xml in XDocument.Load(TestData.Path("data-samples", "oaipmh", $"dachs-listrecords-{prefix}.xml")).Descendants(oai + "record"))
                {
                    var entry = mapper.Map(xml, prefix);
                    tally.Check("lands", entry.Failure is null);
                    if (entry.Record is null)
                    {
                        continue;
                    }
                    var r = normaliser.Normalise(entry.Record);
                    tally.Check("id", r.Id == "oai:" + xml.Descendants(oai + "identifier").First().Value.Trim());
                    var facilities = xml.Descendants("facility").Select(f => f.Value.Trim()).ToList();
                    if (facilities.Count > 0)
                    {
                        tally.Check("mission", facilities.Count == 1 ? r.Mission == missions.Resolve(facilities[0])?.Name : facilities.All(r.Keywords.Contains));
                    }
                }
            }
            return tally;
        }
        Measure("OAI-PMH (recorded DaCHS, oai_dc and ivo_vor)", Run, "lands", "id", "mission");
    }

    [Fact]
    public void Csw_iso19139_documents()
    {
        XNamespace gmd = IsoMetadataMapper.Gmd, gco = IsoMetadataMapper.Gco;
        Tally Run(MissionVocabulary missions)
        {
            var tally = new Tally();
            var mapper = new IsoMetadataMapper("csw", "CSW", Domains.EarthObservation, TimeProvider.System);
            var normaliser = new RecordNormaliser(missions, TimeProvider.System);
            foreach (var file in Directory.GetFiles(TestData.Path("data-samples", "csw"), "*.xml").Order(StringComparer.Ordinal))
            {
                foreach (var xml in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName is "MD_Metadata" or "MI_Metadata"))
                {
                    var (mapped, _) = mapper.Map(xml, file);
                    tally.Check("lands", mapped is not null);
                    if (mapped is null)
                    {
                        continue;
                    }
                    var r = normaliser.Normalise(mapped);
                    tally.Check("id", r.Id == "csw:" + xml.Element(gmd + "fileIdentifier")!.Element(gco + "CharacterString")!.Value.Trim());
                    var box = xml.Descendants(gmd + "westBoundLongitude").FirstOrDefault()?.Element(gco + "Decimal")?.Value;
                    tally.Check("ground", box is null ? r.Ground is null : r.Ground?.Box.West == double.Parse(box, CultureInfo.InvariantCulture));
                    if (xml.Descendants(IsoMetadataMapper.Gmi + "MI_Platform").Any())
                    {
                        tally.Check("mission", r.MissionFamily is not (null or "Other"));
                        tally.Check("instrument", r.Instruments.Count > 0 && r.Instruments.All(i => missions.ResolveInstrument(i, r.Mission) is not null));
                    }
                }
            }
            return tally;
        }
        Measure("CSW ISO 19139 (recorded OWSLib answers)", Run, "lands", "id", "ground", "mission", "instrument");
    }
}
