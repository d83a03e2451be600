namespace DiscoveryPortal.SearchApi.Oai;

/// <summary>Section <c>Oai</c>: how the OAI-PMH repository names itself and how much one answer lists.</summary>
public sealed class OaiOptions
{
    public const string Section = "Oai";

    public string RepositoryName { get; set; } = "Discovery Portal";

    /// <summary>Identify's adminEmail: who harvesters write to.</summary>
    public string AdminEmail { get; set; } = "portal-admin@example.org";

    /// <summary>Records or headers per ListRecords/ListIdentifiers answer; the rest follows a resumption token.</summary>
    public int PageSize { get; set; } = 100;
}
