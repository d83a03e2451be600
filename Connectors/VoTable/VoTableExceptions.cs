namespace DiscoveryPortal.Connectors.VoTable;

/// <summary>The document is not a VOTable this reader can read; the message says where and why.</summary>
public class VoTableFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The service answered with <c>INFO name="QUERY_STATUS" value="ERROR"</c>; the message is the service's.</summary>
public sealed class VoTableQueryException(string serviceMessage) : Exception($"The service reported an error: {serviceMessage}")
{
    public string ServiceMessage { get; } = serviceMessage;
}
