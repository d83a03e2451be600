using System.Text;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using FsCheck;
using FsCheck.Fluent;

namespace DiscoveryPortal.Indexer.Tests.Catalog;

public class StoredRecordTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Any_record_reads_back_as_the_same_json()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<UnicodeString>(), ArbMap.Default.ArbFor<NonNull<string>[]>(), ArbMap.Default.ArbFor<PositiveInt>(),
            (title, keywords, n) =>
            {
                var record = TestCatalog.Record(n.Get.ToString(System.Globalization.CultureInfo.InvariantCulture), title.Get, r => r with
                {
                    Keywords = [.. keywords.Select(k => k.Get)],
                    Doi = n.Get % 2 == 0 ? $"10.{n.Get}/Ab" : null,
                    Details = new Dictionary<string, string> { ["note"] = title.Get },
                });
                var (json, _) = RecordJson.Content(record);
                var stored = StoredRecord.Encode(json);
                return StoredRecord.Json(stored).SequenceEqual(json)
                    && RecordJson.Serialize(StoredRecord.Decode(record.Id, stored)) == Encoding.UTF8.GetString(json);
            }).Check(Runs);
    }

    [Fact]
    public void Any_stored_value_reads_or_fails_naming_the_asset()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            try
            {
                StoredRecord.Decode("src:x", bytes);
                return true;
            }
            catch (StoredRecordException e)
            {
                return e.AssetId == "src:x" && e.Message.Contains("'src:x'", StringComparison.Ordinal);
            }
        }).Check(Runs);
    }

    [Fact]
    public void Packed_records_are_smaller_than_their_json_and_plain_json_still_reads()
    {
        var record = TestCatalog.Record("a", "Hubble deep field", r => r with { Keywords = ["galaxies", "deep field", "galaxies"] });
        var (json, _) = RecordJson.Content(record);

        var stored = StoredRecord.Encode(json);

        Assert.Equal(0x01, stored[0]);
        Assert.True(stored.Length < json.Length, $"{stored.Length} bytes packed, {json.Length} as JSON");
        Assert.Equal("Hubble deep field", StoredRecord.Decode(record.Id, json).Title);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x7F, 1, 2 }, "unknown format byte 0x7f")]
    [InlineData(new byte[] { 0x01, 0xFF, 0x00, 0x13 }, "Brotli")]
    [InlineData(new byte[] { (byte)'{', (byte)'"' }, "test:a")]
    public void A_damaged_value_is_an_error_naming_the_asset_and_why(byte[] stored, string said)
    {
        var e = Assert.Throws<StoredRecordException>(() => StoredRecord.Decode("test:a", stored));
        Assert.Contains("asset 'test:a' cannot be read", e.Message, StringComparison.Ordinal);
        Assert.Contains(said, e.Message, StringComparison.Ordinal);
    }
}
