using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Tests.Records;

public class QuicklookTests
{
    [Fact]
    public void A_record_stored_before_quicklooks_reads_without_one_and_keeps_its_content_hash()
    {
        const string stored = """{"id":"s:1","sourceId":"s","title":"Old","domain":"Earth observation","access":[{"url":"https://a.example/1.zip"}]}""";
        var record = RecordJson.Deserialize(stored);
        Assert.Null(record.Quicklook);
        // No quicklook writes no field, so records without one hash as they did and a re-harvest finds them unchanged.
        Assert.DoesNotContain("quicklook", RecordJson.Serialize(record), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quicklook_round_trips_through_the_stored_form_with_its_role_as_a_word()
    {
        var record = new AssetRecord { Id = "s:1", SourceId = "s", Title = "New", Quicklook = new("https://a.example/1.jpg", QuicklookRole.Overview, "image/jpeg", 2048) };
        var json = RecordJson.Serialize(record);
        Assert.Contains("\"quicklook\":{\"url\":\"https://a.example/1.jpg\",\"role\":\"overview\",\"mediaType\":\"image/jpeg\",\"sizeBytes\":2048}", json, StringComparison.Ordinal);
        Assert.Equal(record.Quicklook, RecordJson.Deserialize(json).Quicklook);
        Assert.NotEqual(RecordJson.Content(record with { Quicklook = null }).Hash, RecordJson.Content(record).Hash);
    }

    [Theory]
    [InlineData("https://a.example/q.png", null, "image/png")]
    [InlineData("https://a.example/q.JPG", null, "image/jpeg")]
    [InlineData("https://a.example/q.webp", null, "image/webp")]
    [InlineData("https://a.example/thumb250", null, null)] // no type said: the route checks what the archive answers
    [InlineData("https://a.example/q", "image/gif; charset=binary", "image/gif")]
    public void A_picture_a_browser_shows_is_a_quicklook(string url, string? type, string? expected)
    {
        var quicklook = Quicklook.From(url, QuicklookRole.Thumbnail, type);
        Assert.NotNull(quicklook);
        Assert.Equal(expected, quicklook.MediaType);
    }

    [Theory]
    [InlineData("https://a.example/overview.tif", null)]
    [InlineData("https://a.example/q", "image/jp2")]
    [InlineData("https://a.example/q.png", "text/html")]
    [InlineData("ftp://a.example/q.png", null)]
    [InlineData("/relative/q.png", null)]
    [InlineData(null, "image/png")]
    public void Anything_else_is_not(string? url, string? type) => Assert.Null(Quicklook.From(url, QuicklookRole.Overview, type));

    [Fact]
    public void A_quicklook_that_is_not_http_is_a_problem_of_the_record()
    {
        var record = new AssetRecord { Id = "s:1", SourceId = "s", Title = "T", Quicklook = new("javascript:alert(1)", QuicklookRole.Thumbnail) };
        Assert.Contains(RecordValidator.Validate(record), p => p.Field == "quicklook");
    }
}
