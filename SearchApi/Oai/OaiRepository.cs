using System.Globalization;
using System.Text;
using System.Xml;
using DiscoveryPortal.Connectors.Records;
using DiscoveryPortal.Indexer.Catalog;
using DiscoveryPortal.Indexer.Facets;
using DiscoveryPortal.Indexer.Search;
using DiscoveryPortal.Indexer.Sources;
using DiscoveryPortal.SearchApi.Formats;
using DiscoveryPortal.SearchApi.Security;
using Microsoft.Extensions.Options;

namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>
/// The catalogue as an OAI-PMH 2.0 repository: the six verbs over the catalogue's assets in the order of their
/// last change (withdrawn assets as deleted headers), sets per source and per domain, and stateless signed
/// resumption tokens. Records are named <c>oai:&lt;portal host&gt;:&lt;asset id&gt;</c>.
/// </summary>
public sealed class OaiRepository(ICatalogStore catalog, ISearchIndex index, SourceRegistry sources, PortalUrls urls, IOptionsMonitor<OaiOptions> options, TimeProvider clock)
{
    /// <summary>The whole answer to one request, an error answer included (OAI-PMH errors are documents, not HTTP statuses).</summary>
    public async Task<byte[]> AnswerAsync(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters, CancellationToken ct)
    {
        IEnumerable<KeyValuePair<string, string>> echo = [];
        Action<XmlWriter> write;
        try
        {
            var request = OaiRequest.Parse(parameters);
            echo = Echo(request);
            // Everything is read before anything is written, so an error is an error document, not half a list.
            write = await PrepareAsync(request, ct);
        }
        catch (OaiError error)
        {
            // After badVerb or badArgument the request is echoed without its arguments, as the protocol says.
            echo = error.Code is "badVerb" or "badArgument" ? [] : echo;
            write = xml => OaiDocument.Error(xml, error);
        }
        var stream = new MemoryStream();
        using (var xml = XmlSafe.Writer(stream))
        {
            OaiDocument.Start(xml, clock.GetUtcNow(), BaseUrl, echo);
            write(xml);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    public Uri BaseUrl => urls.For(OaiEndpoints.Path);

    /// <summary>The OAI identifier of an asset: <c>oai:&lt;host&gt;:&lt;id&gt;</c>, the id percent-encoded where a URI needs it.</summary>
    public string Identifier(string assetId) => $"oai:{urls.Base.Host}:{Escape(assetId)}";

    private string? AssetId(string identifier)
    {
        var prefix = $"oai:{urls.Base.Host}:";
        return identifier.StartsWith(prefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(identifier[prefix.Length..]) : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> Echo(OaiRequest request) =>
        [new("verb", request.Verb), .. request.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal)];

    private Task<Action<XmlWriter>> PrepareAsync(OaiRequest request, CancellationToken ct) => request.Verb switch
    {
        "Identify" => IdentifyAsync(ct),
        "ListMetadataFormats" => ListMetadataFormatsAsync(request, ct),
        "ListSets" => ListSetsAsync(request, ct),
        "GetRecord" => GetRecordAsync(request, ct),
        _ => ListAsync(request, request.Verb == "ListRecords", ct),
    };

    private async Task<Action<XmlWriter>> IdentifyAsync(CancellationToken ct)
    {
        var earliest = (await catalog.ChangedAsync(new ChangeWindow(1), ct)).FirstOrDefault()?.UpdatedAt ?? clock.GetUtcNow();
        var o = options.CurrentValue;
        return xml =>
        {
            xml.WriteStartElement("Identify", OaiDocument.Namespace);
            xml.WriteElementString("repositoryName", OaiDocument.Namespace, o.RepositoryName);
            xml.WriteElementString("baseURL", OaiDocument.Namespace, BaseUrl.ToString());
            xml.WriteElementString("protocolVersion", OaiDocument.Namespace, "2.0");
            xml.WriteElementString("adminEmail", OaiDocument.Namespace, o.AdminEmail);
            xml.WriteElementString("earliestDatestamp", OaiDocument.Namespace, OaiDocument.Datestamp(earliest));
            // Withdrawn records are kept and reported as deleted; records removed for good are not.
            xml.WriteElementString("deletedRecord", OaiDocument.Namespace, "transient");
            xml.WriteElementString("granularity", OaiDocument.Namespace, "YYYY-MM-DDThh:mm:ssZ");
            xml.WriteEndElement();
        };
    }

    private async Task<Action<XmlWriter>> ListMetadataFormatsAsync(OaiRequest request, CancellationToken ct)
    {
        if (request["identifier"] is { } identifier)
        {
            await FindAsync(identifier, ct);
        }
        return xml =>
        {
            xml.WriteStartElement("ListMetadataFormats", OaiDocument.Namespace);
            foreach (var format in OaiMetadataFormat.All)
            {
                xml.WriteStartElement("metadataFormat", OaiDocument.Namespace);
                xml.WriteElementString("metadataPrefix", OaiDocument.Namespace, format.Prefix);
                xml.WriteElementString("schema", OaiDocument.Namespace, format.Schema);
                xml.WriteElementString("metadataNamespace", OaiDocument.Namespace, format.Namespace);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        };
    }

    private async Task<Action<XmlWriter>> ListSetsAsync(OaiRequest request, CancellationToken ct)
    {
        if (request["resumptionToken"] is not null)
        {
            throw new OaiError("badResumptionToken", "ListSets answers in one list; it gives no resumption tokens.");
        }
        var counted = await index.SearchAsync(new SearchRequest { Size = 1, FacetDimensions = [FacetDimensions.Source], FacetLimit = 100_000 }, ct);
        var titles = await PublishersAsync(ct);
        var sourceIds = counted.Facets.SelectMany(f => f.Values).Select(v => v.Value).Order(StringComparer.Ordinal).ToList();
        return xml =>
        {
            xml.WriteStartElement("ListSets", OaiDocument.Namespace);
            Set(xml, OaiSets.Source, "Records by the source they were harvested from or registered in");
            foreach (var id in sourceIds)
            {
                if (OaiSets.SourceSpec(id) is { } spec)
                {
                    Set(xml, spec, titles.TryGetValue(id, out var title) && !string.IsNullOrWhiteSpace(title) ? title : id);
                }
            }
            Set(xml, OaiSets.Domain, "Records by scientific domain");
            foreach (var domain in Domains.All)
            {
                Set(xml, OaiSets.DomainSpec(domain), domain);
            }
            xml.WriteEndElement();
        };
    }

    private static void Set(XmlWriter xml, string spec, string name)
    {
        xml.WriteStartElement("set", OaiDocument.Namespace);
        xml.WriteElementString("setSpec", OaiDocument.Namespace, spec);
        xml.WriteElementString("setName", OaiDocument.Namespace, XmlSafe.Clean(name));
        xml.WriteEndElement();
    }

    private async Task<Action<XmlWriter>> GetRecordAsync(OaiRequest request, CancellationToken ct)
    {
        var format = OaiMetadataFormat.Get(request["metadataPrefix"]!);
        var asset = await FindAsync(request["identifier"]!, ct);
        var publishers = await PublishersAsync(ct);
        return xml =>
        {
            xml.WriteStartElement("GetRecord", OaiDocument.Namespace);
            Record(xml, asset, format, publishers);
            xml.WriteEndElement();
        };
    }

    private async Task<Action<XmlWriter>> ListAsync(OaiRequest request, bool records, CancellationToken ct)
    {
        var position = await catalog.PositionAsync(ct);
        var resumed = request["resumptionToken"] is { } token ? OaiToken.Decode(token, position.CatalogId) : null;
        var prefix = resumed?.Prefix ?? request["metadataPrefix"]!;
        var format = OaiMetadataFormat.Get(prefix);
        var set = resumed is null ? request["set"] : resumed.Set;
        var filter = set is null ? new OaiSetFilter(null, null) : OaiSets.Parse(set);
        var (from, before) = resumed is null ? request.Window() : (resumed.From, resumed.Before);
        var pageSize = Math.Max(1, options.CurrentValue.PageSize);
        // One more than a page is read, to know whether another page follows.
        var page = await catalog.ChangedAsync(new ChangeWindow(pageSize + 1)
        {
            From = from,
            Before = before,
            SourceId = filter.SourceId,
            Domain = filter.Domain,
            After = resumed?.After,
        }, ct);
        if (page.Count == 0)
        {
            throw new OaiError("noRecordsMatch", "No record matches this request's set, from and until.");
        }
        var shown = page.Take(pageSize).ToList();
        var cursor = resumed?.Cursor ?? 0;
        var publishers = records ? await PublishersAsync(ct) : new Dictionary<string, string>();
        string? next = null;
        if (page.Count > pageSize)
        {
            var last = shown[^1];
            next = new OaiToken(prefix, set, from, before, new ChangeKey(last.UpdatedAt, last.Record.Id), cursor + shown.Count).Encode(position.CatalogId);
        }
        return xml =>
        {
            xml.WriteStartElement(request.Verb, OaiDocument.Namespace);
            foreach (var asset in shown)
            {
                if (records)
                {
                    Record(xml, asset, format, publishers);
                }
                else
                {
                    Header(xml, asset);
                }
            }
            // The last page of a list that followed a token says so with an empty token.
            if (next is not null || resumed is not null)
            {
                OaiDocument.ResumptionToken(xml, next, cursor);
            }
            xml.WriteEndElement();
        };
    }

    private void Header(XmlWriter xml, StoredAsset asset) =>
        OaiDocument.Header(xml, Identifier(asset.Record.Id), asset.UpdatedAt, OaiSets.Of(asset.Record), asset.WithdrawnAt is not null);

    private void Record(XmlWriter xml, StoredAsset asset, OaiMetadataFormat format, IReadOnlyDictionary<string, string> publishers)
    {
        xml.WriteStartElement("record", OaiDocument.Namespace);
        Header(xml, asset);
        // A deleted record is its header alone.
        if (asset.WithdrawnAt is null)
        {
            xml.WriteStartElement("metadata", OaiDocument.Namespace);
            var r = asset.Record;
            format.Write(xml, new OaiItem(r, Publisher(r, publishers), urls.AssetPage(r.Id), asset.UpdatedAt));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static string Publisher(AssetRecord r, IReadOnlyDictionary<string, string> publishers) =>
        publishers.TryGetValue(r.SourceId, out var title) && !string.IsNullOrWhiteSpace(XmlSafe.Clean(title)) ? title
        : !string.IsNullOrWhiteSpace(XmlSafe.Clean(r.SourceId)) ? r.SourceId : "Discovery Portal";

    private async Task<IReadOnlyDictionary<string, string>> PublishersAsync(CancellationToken ct) =>
        (await sources.AllAsync(ct: ct)).Sources.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Title);

    private async Task<StoredAsset> FindAsync(string identifier, CancellationToken ct) =>
        AssetId(identifier) is { Length: > 0 } id && await catalog.GetAsync(id, ct) is { } asset
            ? asset
            : throw new OaiError("idDoesNotExist", $"'{OaiRequest.Short(identifier)}' names no record of this repository.");

    // Characters a URI may hold as they are; everything else percent-encoded as UTF-8.
    private static string Escape(string id)
    {
        var text = new StringBuilder(id.Length);
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~:/!$&'()*+,;=@".Contains(c)))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
