namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>
/// Every kind of source a harvest can read, each described in its own folder. The harvest runner, the probe,
/// registration, the API and the source form find kinds here; a new kind is one line of this list.
/// </summary>
public static class SourceKinds
{
    public static IReadOnlyList<SourceKind> All { get; } =
    [
        new Tap.TapObsCoreKind(),
        new Tap.RegTapKind(),
        new Tap.RecordedObsCoreKind(),
        new Zenodo.ZenodoKind(),
        new Stac.StacApiKind(),
        new Stac.StacStaticKind(),
        new OpenSearch.OpenSearchKind(),
        new Cmr.CmrKind(),
        new OaiPmh.OaiPmhKind(),
        new Csw.CswKind(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(k => k.Name).ToList();

    /// <summary>The kinds an archive team may register; recorded sources are the deployment's own.</summary>
    public static IReadOnlyList<SourceKind> Registrable { get; } = All.Where(k => k.Registrable).ToList();

    public static SourceKind? Find(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
}
