using System.Globalization;
using DiscoveryPortal.Connectors.Files;
using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Indexer.Bench;

/// <summary>
/// Deterministic generated records for benchmarks: realistic field shapes, a long tail of rare
/// words (selective queries) and a few common ones (broad queries, each in more than 10% of records).
/// </summary>
public static class SyntheticRecords
{
    /// <summary>Words placed in about 15%, 12% and 11% of the records.</summary>
    public static IReadOnlyList<string> BroadWords { get; } = ["calibrated", "survey", "archive"];

    private static readonly (string Mission, string[] Instruments, string Domain)[] Missions =
    [
        ("HST", ["WFC3", "ACS", "STIS", "COS"], Domains.SpaceScience),
        ("JWST", ["NIRCam", "MIRI", "NIRSpec", "NIRISS"], Domains.SpaceScience),
        ("XMM-Newton", ["EPIC", "RGS", "OM"], Domains.SpaceScience),
        ("Gaia", ["Astrometric instrument", "BP/RP", "RVS"], Domains.SpaceScience),
        ("Herschel", ["PACS", "SPIRE", "HIFI"], Domains.SpaceScience),
        ("Planck", ["LFI", "HFI"], Domains.SpaceScience),
        ("Euclid", ["VIS", "NISP"], Domains.SpaceScience),
        ("Sentinel-1", ["C-SAR"], Domains.EarthObservation),
        ("Sentinel-2", ["MSI"], Domains.EarthObservation),
        ("Sentinel-3", ["OLCI", "SLSTR", "SRAL"], Domains.EarthObservation),
        ("Landsat", ["OLI", "TIRS"], Domains.EarthObservation),
    ];

    private static readonly string[] Products = ["image", "spectrum", "cube", "timeseries", "catalog", "event", "scene"];
    private static readonly string[] Bands = ["optical", "infrared", "x-ray", "ultraviolet", "radio", "millimetre"];
    private static readonly string[] FormatsList = ["image/fits", "application/x-votable+xml", "image/tiff", "application/x-netcdf"];

    /// <summary>A rare word: one in 10,000 of the records holds each of these.</summary>
    public static string RareWord(int i) => "zq" + Base26(i % 10_000);

    public static IEnumerable<RecordFileRow> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(1995, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var (mission, instruments, domain) = Missions[random.Next(Missions.Length)];
            var words = new List<string>(40);
            for (var w = 0; w < 30; w++)
            {
                words.Add(CommonWord(random));
            }
            words.Add(RareWord(random.Next(10_000)));
            if (random.NextDouble() < 0.15)
            {
                words.Add(BroadWords[0]);
            }
            if (random.NextDouble() < 0.12)
            {
                words.Add(BroadWords[1]);
            }
            if (random.NextDouble() < 0.11)
            {
                words.Add(BroadWords[2]);
            }
            Shuffle(random, words);
            var instrument = instruments[random.Next(instruments.Length)];
            var time = start.AddDays(random.Next(0, 30 * 365));
            var isEarth = domain == Domains.EarthObservation;
            var record = new AssetRecord
            {
                Id = $"bench:{i}",
                SourceId = "bench",
                Title = $"{mission} {instrument} {string.Join(' ', words.Take(4))} {i.ToString(CultureInfo.InvariantCulture)}",
                Description = string.Join(' ', words),
                Domain = domain,
                Mission = mission,
                Instruments = [instrument],
                AssetType = random.NextDouble() < 0.9 ? AssetType.Observation : AssetType.Dataset,
                ProductTypes = [Products[random.Next(Products.Length)]],
                Formats = [FormatsList[random.Next(FormatsList.Length)]],
                Keywords = [CommonWord(random), CommonWord(random)],
                Wavebands = [Bands[random.Next(Bands.Length)]],
                Sky = isEarth ? null : new SkyFootprint(random.NextDouble() * 360, random.NextDouble() * 180 - 90, random.NextDouble() * 0.2),
                Ground = isEarth ? Box(random) : null,
                Time = new TimeRange(time, time.AddHours(random.Next(1, 48))),
                Access = [new AccessLink($"https://archive.example.org/data/{i}.fits")],
            };
            yield return new RecordFileRow(i + 1, record, []);
        }
    }

    private static GroundFootprint Box(Random random)
    {
        var west = random.NextDouble() * 358 - 180;
        var south = random.NextDouble() * 170 - 85;
        return new GroundFootprint(new BoundingBox(west, south, west + 1, south + 1));
    }

    // Zipf-like: low indexes are far more frequent than high ones.
    private static string CommonWord(Random random) => "w" + Base26((int)(Math.Pow(random.NextDouble(), 3) * 5000));

    private static string Base26(int n)
    {
        var chars = new char[4];
        for (var i = 3; i >= 0; i--)
        {
            chars[i] = (char)('a' + (n % 26));
            n /= 26;
        }
        return new string(chars);
    }

    private static void Shuffle(Random random, List<string> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
