using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Names;

namespace DiscoveryPortal.Indexer.Tests.Names;

public class NameResolverTests
{
    private static readonly string Directory = Path.Combine(DataRoot.Locate(AppContext.BaseDirectory), "data-samples", "names");

    // One load for the tests that only read; tests that learn load their own.
    private static readonly Lazy<NameResolver> Shared = new(() => NameResolver.Load(Directory));

    private static NameResolver Names => Shared.Value;

    private static void AssertAt(SkyObject? found, double ra, double dec, string query)
    {
        Assert.True(found is not null, $"'{query}' did not resolve");
        Assert.True(Math.Abs(found.Ra - ra) < 0.05 && Math.Abs(found.Dec - dec) < 0.05,
            $"'{query}' resolved to {found.Name} at ({found.Ra}, {found.Dec}), not ({ra}, {dec})");
    }

    [Theory]
    // Messier, NGC and IC, however spaced, cased and zero-padded; Dup rows resolve to the entry they point at.
    [InlineData("M 51", 202.4696, 47.1952)]
    [InlineData("m51", 202.4696, 47.1952)]
    [InlineData("Messier 51", 202.4696, 47.1952)]
    [InlineData("NGC 5194", 202.4696, 47.1952)]
    [InlineData("ngc5194", 202.4696, 47.1952)]
    [InlineData("Whirlpool Galaxy", 202.4696, 47.1952)]
    [InlineData("NGC 224", 10.6847, 41.2690)]
    [InlineData("ngc224", 10.6847, 41.2690)]
    [InlineData("NGC 0224", 10.6847, 41.2690)]
    [InlineData("M-31", 10.6847, 41.2690)]
    [InlineData("Andromeda", 10.6847, 41.2690)]
    [InlineData("M 102", 210.8023, 54.3489)]
    [InlineData("IC 11", 13.2470, 56.6222)]
    [InlineData("Caldwell 14", 35.175, 57.138)]
    [InlineData("C 14", 35.175, 57.138)]
    [InlineData("Small Magellanic Cloud", 13.1867, -72.8286)]
    [InlineData("SMC", 13.1867, -72.8286)]
    [InlineData("LMC", 80.8938, -69.7561)]
    [InlineData("large magellanic cloud", 80.8938, -69.7561)]
    [InlineData("Crab Nebula", 83.633, 22.0145)]
    [InlineData("Crab", 83.633, 22.0145)]
    [InlineData("Taurus A", 83.633, 22.0145)]
    [InlineData("Orion Nebula", 83.8221, -5.3911)]
    [InlineData("Omega Centauri", 201.697, -47.4795)]
    [InlineData("ω Cen", 201.697, -47.4795)]
    [InlineData("47 Tucanae", 6.0224, -72.0815)]
    [InlineData("30 Doradus", 84.6767, -69.1008)]
    // Radio-source names of OpenNGC objects.
    [InlineData("Virgo A", 187.7059, 12.3911)]
    [InlineData("M87", 187.7059, 12.3911)]
    [InlineData("Cen A", 201.3651, -43.0191)]
    [InlineData("Centaurus A", 201.3651, -43.0191)]
    [InlineData("Perseus A", 49.9507, 41.5117)]
    // Curated objects, with constellation and Greek-letter spellings.
    [InlineData("Sco X-1", 244.9795, -15.6402)]
    [InlineData("Scorpius X-1", 244.9795, -15.6402)]
    [InlineData("Alpha Centauri", 219.9021, -60.8340)]
    [InlineData("alf Cen", 219.9021, -60.8340)]
    [InlineData("α Cen", 219.9021, -60.8340)]
    [InlineData("Cygnus A", 299.8682, 40.7339)]
    [InlineData("Cyg A", 299.8682, 40.7339)]
    [InlineData("Cyg X-1", 299.5903, 35.2016)]
    [InlineData("Sirius", 101.2872, -16.7161)]
    [InlineData("alpha Canis Majoris", 101.2872, -16.7161)]
    [InlineData("Betelgeuse", 88.7929, 7.4071)]
    [InlineData("Vega", 279.2347, 38.7837)]
    [InlineData("Polaris", 37.9546, 89.2641)]
    [InlineData("Proxima Centauri", 217.4290, -62.6795)]
    [InlineData("Eta Carinae", 161.2648, -59.6844)]
    [InlineData("η Car", 161.2648, -59.6844)]
    [InlineData("Barnard's Star", 269.4521, 4.6934)]
    [InlineData("Barnards Star", 269.4521, 4.6934)]
    [InlineData("Sgr A*", 266.4168, -29.0078)]
    [InlineData("Sagittarius A*", 266.4168, -29.0078)]
    [InlineData("Galactic Center", 266.4168, -29.0078)]
    [InlineData("Vela Pulsar", 128.8359, -45.1764)]
    [InlineData("PSR B0833-45", 128.8359, -45.1764)]
    [InlineData("SS 433", 287.9565, 4.9827)]
    [InlineData("SS433", 287.9565, 4.9827)]
    [InlineData("TRAPPIST-1", 346.6223, -5.0413)]
    [InlineData("trappist 1", 346.6223, -5.0413)]
    [InlineData("51 Peg", 344.3666, 20.7688)]
    [InlineData("51 Pegasi", 344.3666, 20.7688)]
    [InlineData("HD 209458", 330.7949, 18.8843)]
    [InlineData("Kepler-186", 298.6527, 43.9550)]
    [InlineData("3C 273", 187.2779, 2.0524)]
    [InlineData("3C273", 187.2779, 2.0524)]
    [InlineData("3C 279", 194.0465, -5.7893)]
    [InlineData("Hubble Deep Field", 189.2058, 62.2161)]
    [InlineData("Hubble Ultra Deep Field", 53.1625, -27.7914)]
    [InlineData("Tabby's Star", 301.5644, 44.4568)]
    public void Resolves_a_name_to_its_position(string name, double ra, double dec) =>
        AssertAt(Names.Resolve(name), ra, dec, name);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no such object")]
    [InlineData("and")]
    [InlineData("Hera")] // not "Her A": the gap between words counts
    [InlineData("Herschel")]
    [InlineData("Planck")]
    [InlineData("Gaia")]
    [InlineData("Hubble")]
    [InlineData("Kepler")]
    [InlineData("M")]
    [InlineData("HD")]
    public void Unknown_names_resolve_to_nothing(string name) => Assert.Null(Names.Resolve(name));

    [Fact]
    public void Every_object_carries_its_names_and_origin()
    {
        var m87 = Names.Resolve("M 87")!;
        Assert.Equal("OpenNGC", m87.Origin);
        Assert.Contains("Virgo A", m87.Names);
        Assert.Contains("NGC 4486", m87.Names);

        var vega = Names.Resolve("Vega")!;
        Assert.Equal("Vega", vega.Name);
        Assert.Equal("curated: SIMBAD basic data", vega.Origin);

        // A Dup row's own designation is among the names of the entry it points at.
        Assert.Contains("IC 11", Names.Resolve("NGC 281")!.Names);
        Assert.True(Names.KnownNames > 50_000, $"{Names.KnownNames} names");
    }

    [Fact]
    public void Sizes_objects_from_half_their_major_axis()
    {
        Assert.Equal(177.83 / 2 / 60, Names.Resolve("M 31")!.Radius, 6);
        Assert.Equal(OpenNgc.MinimumRadius, OpenNgc.Radius("G", "0.5"));
        Assert.Equal(OpenNgc.MinimumRadius, OpenNgc.Radius("*", ""));
        Assert.Equal(OpenNgc.DefaultRadius, OpenNgc.Radius("Neb", ""));
        Assert.Equal(1.0, OpenNgc.Radius("OCl", "120"));
    }

    [Fact]
    public void Every_curated_object_answers_to_its_own_name()
    {
        var famous = FamousObjects.Read(Path.Combine(Directory, "famous-objects.yaml"));
        Assert.InRange(famous.Objects.Count, 60, 120);
        foreach (var o in famous.Objects)
        {
            var found = Names.Resolve(o.Name);
            Assert.True(found is not null && found.Name == o.Name, $"'{o.Name}' resolves to {found?.Name}");
            Assert.All(o.Aliases, a => Assert.Same(found, Names.Resolve(a)));
        }
    }

    [Fact]
    public void The_constellation_table_has_all_88()
    {
        var rows = File.ReadLines(Path.Combine(Directory, "constellations.csv")).Where(l => !l.StartsWith('#') && !l.StartsWith("abbreviation;")).ToList();
        Assert.Equal(88, rows.Select(r => r.Split(';')[0]).Distinct().Count());
    }

    public static TheoryData<string> OrdinaryQueries() =>
    [
        "Sentinel 2 level 2 surface reflectance", "Sentinel-1 GRD backscatter", "Landsat 8 land surface temperature",
        "Landsat C2 L2 products", "MODIS C6 land cover", "sea surface temperature", "ocean colour chlorophyll",
        "soil moisture from SMAP", "ERA5 reanalysis precipitation", "C band SAR interferometry", "band 4 red reflectance",
        "B04 and B08", "level 1C top of atmosphere", "aerosol optical depth", "snow cover extent", "burned area maps",
        "cloud mask", "ice sheet elevation change", "gamma-ray burst afterglow", "HST ACS imaging", "JWST MIRI spectra",
        "JWST NIRCam deep field", "XMM-Newton EPIC pn", "Herschel PACS spectra", "Planck cosmic microwave background",
        "Gaia DR3 parallaxes", "Chandra ACIS observations", "Spitzer IRAC mosaics", "Euclid VIS images", "Kepler light curves",
        "TESS sectors", "IUE spectra", "INTEGRAL SPI", "Swift XRT", "Rosetta comet 67P", "Juno at Jupiter",
        "radio galaxies and quasars", "spectra for a galaxy", "quasars and galaxy clusters", "the ring of fire",
        "eagle population survey", "bubble chamber tracks", "double helix", "star formation rate", "neutron star mergers",
        "solar wind time series", "M", "C", "level 2", "the eyes of the storm", "per second",
    ];

    [Theory]
    [MemberData(nameof(OrdinaryQueries))]
    public void Ordinary_queries_name_no_object(string query)
    {
        var matches = Names.FindIn(query.Split(' '));
        Assert.True(matches.Count == 0, $"'{query}': " + string.Join(", ", matches.Select(m => $"words {m.Start}+{m.Length} as {m.Object.Name}")));
    }

    [Theory]
    [InlineData("which ultraviolet spectra of M87 are there", 4, 1, 187.7059, 12.3911)]
    [InlineData("Sco X-1", 0, 2, 244.9795, -15.6402)]
    [InlineData("the whirlpool galaxy in x rays", 1, 2, 202.4696, 47.1952)]
    [InlineData("ring nebula spectra", 0, 2, 283.3963, 33.0292)]
    [InlineData("Eagle Nebula pillars", 0, 2, 274.7, -13.807)]
    [InlineData("Helix Nebula", 0, 2, 337.411, -20.837)]
    [InlineData("Cat's Eye Nebula", 0, 3, 269.639, 66.633)]
    [InlineData("spectra of the Small Magellanic Cloud", 3, 3, 13.1867, -72.8286)]
    [InlineData("X-ray images of Cyg X-1", 3, 2, 299.5903, 35.2016)]
    [InlineData("Crab pulsar timing", 0, 2, 83.6331, 22.0145)]
    [InlineData("crab", 0, 1, 83.633, 22.0145)]
    [InlineData("Orion", 0, 1, 83.8221, -5.3911)]
    [InlineData("Orion Nebula", 0, 2, 83.8221, -5.3911)]
    [InlineData("Andromeda", 0, 1, 10.6847, 41.2690)]
    [InlineData("Sirius B", 0, 1, 101.2872, -16.7161)]
    [InlineData("Vega photometry", 0, 1, 279.2347, 38.7837)]
    [InlineData("alpha Centauri", 0, 2, 219.9021, -60.8340)]
    [InlineData("Hyades proper motions", 0, 1, 66.725, 15.867)]
    [InlineData("NGC 1068 nucleus", 0, 2, 40.6696, -0.0133)]
    [InlineData("3C 273 jet", 0, 2, 187.2779, 2.0524)]
    [InlineData("C 14 photometry", 0, 2, 35.175, 57.138)]
    [InlineData("Hubble Deep Field counts", 0, 3, 189.2058, 62.2161)]
    [InlineData("TRAPPIST-1 transits", 0, 1, 346.6223, -5.0413)]
    [InlineData("Sculptor Dwarf Elliptical", 0, 3, 15.0390, -33.7090)]
    [InlineData("Beehive Cluster", 0, 2, 130.1, 19.67)]
    public void Finds_the_name_among_query_words(string query, int start, int length, double ra, double dec)
    {
        var match = Assert.Single(Names.FindIn(query.Split(' ')));
        Assert.Equal((start, length), (match.Start, match.Length));
        AssertAt(match.Object, ra, dec, query);
    }

    [Fact]
    public void Finds_several_names_left_to_right_without_overlap()
    {
        var matches = Names.FindIn(["M31", "and", "M", "33", "versus", "Large", "Magellanic", "Cloud"]);
        Assert.Equal([(0, 1), (2, 2), (5, 3)], matches.Select(m => (m.Start, m.Length)));
        Assert.Equal(["Andromeda Galaxy", "Triangulum Galaxy", "Large Magellanic Cloud"], matches.Select(m => m.Object.Name));
    }

    [Fact]
    public void Learns_catalogue_targets_without_overriding_known_names()
    {
        var names = NameResolver.Load(Directory);
        names.Learn("GRB 221009A", 288.2646, 19.7733, 0.01);
        names.Learn("M31", 1, 2, 3);
        names.Learn("GRB 221009A", 10, 10, 1);

        var grb = names.Resolve("grb221009a")!;
        Assert.Equal(("catalogue", 288.2646, OpenNgc.MinimumRadius), (grb.Origin, grb.Ra, grb.Radius));
        Assert.Equal(grb, Assert.Single(names.FindIn(["GRB", "221009A", "afterglow"])).Object);
        AssertAt(names.Resolve("M 31"), 10.6847, 41.2690, "M 31");
        Assert.Equal(1, names.LearnedNames);
    }

    [Theory]
    [InlineData("FIELD-1")]
    [InlineData("sky flat")]
    [InlineData("none")]
    [InlineData("Jupiter")]
    [InlineData("Gaia")]
    public void Does_not_learn_targets_that_say_nothing_of_a_place(string target)
    {
        var names = NameResolver.Load(Directory);
        names.Learn(target, 10, 10, 0.1);
        names.Learn("Nowhere-7", double.NaN, 10, 0.1);
        names.Learn("Nowhere-8", 10, 95, 0.1);
        Assert.Null(names.Resolve(target));
        Assert.Equal(0, names.LearnedNames);
    }

    [Fact]
    public void Learns_from_many_threads_at_once()
    {
        var names = NameResolver.Load(Directory);
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            names.Learn($"XRT J{i:0000}", i % 360, 0, 0.1);
            Assert.NotNull(names.Resolve($"XRT J{i:0000}"));
            names.FindIn(["XRT", $"J{i:0000}"]);
        });
        Assert.Equal(2_000, names.LearnedNames);
        Assert.Equal(123, names.Resolve("xrt j0123")!.Ra);
    }
}
