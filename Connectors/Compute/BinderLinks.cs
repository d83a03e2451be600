using DiscoveryPortal.Connectors.Records;

namespace DiscoveryPortal.Connectors.Compute;

/// <summary>
/// BinderHub launch URLs, <c>{binder}/v2/{provider}/{spec}?urlpath=...</c>, for the providers BinderHub
/// documents: GitHub (<c>gh/org/repo/ref</c>), GitLab.com (<c>gl/group%2Fproject/ref</c>), other git hosts
/// (<c>git/{escaped URL}/ref</c>) and Zenodo DOIs (<c>zenodo/10.5281/zenodo.N</c>). The manifest URL goes to the session as a query of the opened path.
/// </summary>
public static class BinderLinks
{
    public static Uri Build(Uri binder, string repository, Uri? manifestUrl, string? labPath = null)
    {
        var spec = Spec(repository) ?? throw new ArgumentException($"'{repository}' is not a GitHub or GitLab repository URL nor a Zenodo DOI", nameof(repository));
        var path = labPath is null ? "lab" : "lab/tree/" + labPath.TrimStart('/');
        if (manifestUrl is not null)
        {
            path += "?manifest=" + Uri.EscapeDataString(manifestUrl.ToString());
        }
        return new Uri($"{binder.ToString().TrimEnd('/')}/v2/{spec}?urlpath={Uri.EscapeDataString(path)}");
    }

    /// <summary>The provider/spec part, or null when BinderHub cannot build the repository.</summary>
    public static string? Spec(string repository)
    {
        if (repository.StartsWith("10.5281/zenodo.", StringComparison.OrdinalIgnoreCase) || repository.StartsWith("https://doi.org/10.5281/zenodo.", StringComparison.OrdinalIgnoreCase))
        {
            return "zenodo/" + repository[repository.IndexOf("10.5281", StringComparison.Ordinal)..];
        }
        if (!RecordValidator.IsHttpUrl(repository))
        {
            return null;
        }
        var uri = new Uri(repository);
        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (uri.Host == "github.com" && parts.Count >= 2)
        {
            var reference = parts.Count >= 4 && parts[2] == "tree" ? string.Join('/', parts.Skip(3)) : "HEAD";
            return $"gh/{parts[0]}/{parts[1].Replace(".git", "", StringComparison.Ordinal)}/{Uri.EscapeDataString(reference)}";
        }
        if (uri.Host == "gitlab.com" || uri.Host.StartsWith("gitlab.", StringComparison.Ordinal))
        {
            var tree = parts.IndexOf("-");
            var project = tree > 0 ? parts.Take(tree) : parts;
            var reference = tree > 0 && parts.Count > tree + 2 && parts[tree + 1] == "tree" ? string.Join('/', parts.Skip(tree + 2)) : "HEAD";
            if (parts.Count < 2)
            {
                return null;
            }
            // gitlab.com has its own provider; any other GitLab is a plain git repository to BinderHub.
            return uri.Host == "gitlab.com"
                ? $"gl/{Uri.EscapeDataString(string.Join('/', project))}/{Uri.EscapeDataString(reference)}"
                : $"git/{Uri.EscapeDataString($"https://{uri.Host}/{string.Join('/', project)}")}/{Uri.EscapeDataString(reference)}";
        }
        return null;
    }
}
