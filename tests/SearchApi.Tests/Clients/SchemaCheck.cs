namespace DiscoveryPortal.SearchApi.Tests.Clients;

/// <summary>An XML document checked by xmllint against a schema kept in this test project, with nothing fetched.</summary>
public static class SchemaCheck
{
    public static void AssertValid(string xml, string what, params string[] schema)
    {
        var file = Path.Combine(Path.GetTempPath(), "portal-xml-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(file, xml);
        try
        {
            var (exit, _, err) = ExternalClient.Xmllint.Run(120, "--noout", "--nonet", "--schema", TestPaths.Source(schema), file);
            Assert.True(exit == 0, $"{what} does not follow {string.Join('/', schema)}: {err}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
