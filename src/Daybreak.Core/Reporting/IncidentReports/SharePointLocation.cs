namespace Daybreak.Reporting.IncidentReports;

/// <summary>
/// Splits a SharePoint / OneDrive object URL (the UAL's ObjectId) into the site and the path inside it, so a reader
/// sees which site collection or OneDrive was reached: <c>https://contoso.sharepoint.com/sites/legal</c> and
/// <c>/Shared Documents/merger.docx</c>. Anything that is not such a URL is all path, with no site.
/// </summary>
public static class SharePointLocation
{
    private static readonly string[] SiteRoots = ["/sites/", "/teams/", "/personal/"];

    public static (string Site, string Path) Split(string resource)
    {
        var scheme = resource.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return ("", resource);
        var hostEnd = resource.IndexOf('/', scheme + 3);
        if (hostEnd < 0) return (resource, "/");
        var siteEnd = hostEnd;
        foreach (var root in SiteRoots)
        {
            if (string.Compare(resource, hostEnd, root, 0, root.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
            var next = resource.IndexOf('/', hostEnd + root.Length);
            siteEnd = next < 0 ? resource.Length : next;
            break;
        }
        var path = resource[siteEnd..];
        return (resource[..siteEnd], path.Length == 0 ? "/" : path);
    }
}
