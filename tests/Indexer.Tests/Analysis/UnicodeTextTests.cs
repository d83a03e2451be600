using System.Text;
using DiscoveryPortal.Indexer.Analysis;
using DiscoveryPortal.Indexer.Names;

namespace DiscoveryPortal.Indexer.Tests.Analysis;

public sealed class UnicodeTextTests
{
    [Theory]
    [InlineData("Androm\u00e8de\uFFFE")]
    public void Text_holding_code_points_icu_refuses_is_normalised_with_them_as_spaces(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => text.Normalize(NormalizationForm.FormD));
        var normalised = UnicodeText.Normalize(text, NormalizationForm.FormD);
        Assert.True(normalised.IsNormalized(NormalizationForm.FormD));
        Assert.Contains(' ', normalised);
    }

    [Fact]
    public void A_name_with_a_noncharacter_keys_as_the_name_without_it() =>
        Assert.Equal(NameKey.Fold("Androm\u00e8de galaxy"), NameKey.Fold("Androm\u00e8de\uFFFE galaxy").Replace("  ", " ", StringComparison.Ordinal));
}
