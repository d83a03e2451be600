using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace DiscoveryPortal.Indexer.Accounts;

/// <summary>
/// ASP.NET Core Data Protection's keys in the catalogue database, so every portal node sharing it reads the
/// same key ring: a sign-in cookie, an antiforgery token or a basket cookie made on one node is read on any.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every key's XML, oldest first.</summary>
    IReadOnlyList<string> All();

    /// <summary>Adds a key; a name stored already keeps its first XML (keys are never changed, only added).</summary>
    void Add(string name, string xml);
}

/// <summary>The key ring as Data Protection reads and writes it, over <see cref="IKeyRingStore"/>.</summary>
public sealed class KeyRing(IKeyRingStore store, ILogger<KeyRing> log) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.All().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
        }
        catch (Exception e) when (Catalog.CatalogFault.Of(e) is { } fault)
        {
            // With the catalogue full or read-only, reads and sign-ins go on: the new key serves this process
            // until it can be stored (cookies it protects are not read by other nodes meanwhile).
            log.LogWarning("Data Protection key {Key} kept in memory only: {Cause}", friendlyName, fault.Cause);
        }
    }
}
