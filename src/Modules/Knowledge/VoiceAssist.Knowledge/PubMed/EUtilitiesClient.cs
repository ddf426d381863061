using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using VoiceAssist.Knowledge.Contracts;

namespace VoiceAssist.Knowledge.PubMed;

/// <summary>NCBI E-utilities for PubMed: <c>esearch.fcgi</c> (JSON) for the PMIDs matching a query, best match
/// first, and <c>efetch.fcgi</c> (PubMed XML, <c>PubmedArticleSet</c>) for the records. Every request carries
/// <c>tool</c>, <c>email</c> and, when configured, <c>api_key</c>, as NCBI asks.</summary>
internal sealed class EUtilitiesClient(IHttpClientFactory httpClients, IOptions<KnowledgeOptions> options)
{
    public async Task<(int Count, IReadOnlyList<string> Pmids)> Search(string term, int max, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await Get("esearch.fcgi", [("db", "pubmed"), ("term", term), ("retmax", max.ToString(CultureInfo.InvariantCulture)), ("retmode", "json"), ("sort", "relevance")], cancellationToken));
        var result = json.RootElement.GetProperty("esearchresult");
        if (result.TryGetProperty("ERROR", out var error))
        {
            throw new PubMedException($"PubMed rejected the search: {error.GetString()}");
        }

        var count = int.Parse(result.GetProperty("count").GetString() ?? "0", CultureInfo.InvariantCulture);
        return (count, result.GetProperty("idlist").EnumerateArray().Select(i => i.GetString()!).ToList());
    }

    public async Task<IReadOnlyList<PubMedArticle>> Fetch(IReadOnlyList<string> pmids, CancellationToken cancellationToken)
    {
        if (pmids.Count == 0)
        {
            return [];
        }

        var xml = await Get("efetch.fcgi", [("db", "pubmed"), ("id", string.Join(',', pmids)), ("retmode", "xml"), ("rettype", "abstract")], cancellationToken);
        return PubMedXml.Parse(xml);
    }

    private async Task<string> Get(string utility, IEnumerable<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        var settings = options.Value.PubMed;
        var query = new StringBuilder();
        var all = parameters.Append(("tool", settings.Tool));
        if (!string.IsNullOrWhiteSpace(settings.Email))
        {
            all = all.Append(("email", settings.Email));
        }

        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            all = all.Append(("api_key", settings.ApiKey));
        }

        foreach (var (name, value) in all)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        var client = httpClients.CreateClient(PubMedOptions.HttpClientName);
        using var response = await client.GetAsync(new Uri(settings.BaseUrl, utility + query), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PubMedException($"PubMed answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

internal sealed class PubMedException(string message) : Exception(message);

/// <summary>Reads the PubMed XML of efetch (DTD pubmed_250101) into citable articles.</summary>
internal static class PubMedXml
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static IReadOnlyList<PubMedArticle> Parse(string xml)
    {
        var document = XDocument.Parse(xml);
        var articles = new List<PubMedArticle>();
        foreach (var record in document.Root?.Elements("PubmedArticle") ?? [])
        {
            var citation = record.Element("MedlineCitation");
            var article = citation?.Element("Article");
            var pmid = citation?.Element("PMID")?.Value.Trim();
            if (article is null || string.IsNullOrEmpty(pmid))
            {
                continue;
            }

            var title = Text(article.Element("ArticleTitle"));
            var journal = article.Element("Journal");
            var issue = journal?.Element("JournalIssue");
            var published = Date(issue?.Element("PubDate"));
            var authors = (article.Element("AuthorList")?.Elements("Author") ?? [])
                .Select(a => a.Element("CollectiveName")?.Value ?? $"{a.Element("LastName")?.Value} {a.Element("Initials")?.Value}".Trim())
                .Where(a => a.Length > 0).ToList();
            var abstractText = string.Join("\n\n", (article.Element("Abstract")?.Elements("AbstractText") ?? [])
                .Select(t => t.Attribute("Label") is { } label ? $"{label.Value}: {Text(t)}" : Text(t)));
            var doi = article.Elements("ELocationID").FirstOrDefault(e => (string?)e.Attribute("EIdType") == "doi")?.Value
                ?? record.Element("PubmedData")?.Element("ArticleIdList")?.Elements("ArticleId").FirstOrDefault(e => (string?)e.Attribute("IdType") == "doi")?.Value;
            var journalName = journal?.Element("ISOAbbreviation")?.Value ?? journal?.Element("Title")?.Value;
            var reference = Reference(authors, title, journalName, published?.Year ?? Year(issue?.Element("PubDate")), issue?.Element("Volume")?.Value,
                issue?.Element("Issue")?.Value, article.Element("Pagination")?.Element("MedlinePgn")?.Value, doi, pmid);
            articles.Add(new PubMedArticle(pmid, title, journal?.Element("Title")?.Value ?? journalName, published, authors, abstractText, doi,
                $"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", reference));
        }

        return articles;
    }

    /// <summary>AMA Manual of Style, 11th ed., journal article: up to six authors, else the first three and
    /// "et al"; "Journal. Year;Volume(Issue):Pages. doi:… PMID: n".</summary>
    internal static string Reference(IReadOnlyList<string> authors, string title, string? journal, int? year, string? volume, string? issue, string? pages, string? doi, string pmid)
    {
        var text = new StringBuilder();
        if (authors.Count > 0)
        {
            text.Append(string.Join(", ", authors.Count > 6 ? authors.Take(3).Append("et al") : authors)).Append(". ");
        }

        text.Append(title.TrimEnd('.')).Append(". ");
        if (!string.IsNullOrWhiteSpace(journal))
        {
            text.Append(journal.TrimEnd('.')).Append(". ");
        }

        if (year is { } y)
        {
            text.Append(y.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrWhiteSpace(volume))
            {
                text.Append(';').Append(volume);
                if (!string.IsNullOrWhiteSpace(issue))
                {
                    text.Append('(').Append(issue).Append(')');
                }
            }

            if (!string.IsNullOrWhiteSpace(pages))
            {
                text.Append(':').Append(pages);
            }

            text.Append(". ");
        }

        if (!string.IsNullOrWhiteSpace(doi))
        {
            text.Append("doi:").Append(doi).Append(' ');
        }

        return text.Append("PMID: ").Append(pmid).ToString();
    }

    /// <summary>The element's text with inline markup (i, sup, sub) flattened and whitespace collapsed.</summary>
    private static string Text(XElement? element) =>
        element is null ? "" : string.Join(' ', element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static DateOnly? Date(XElement? pubDate)
    {
        if (pubDate?.Element("Year")?.Value is not { } yearText || !int.TryParse(yearText, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        var monthText = pubDate.Element("Month")?.Value;
        var month = monthText is null ? 1
            : int.TryParse(monthText, CultureInfo.InvariantCulture, out var m) ? m
            : Array.IndexOf(Months, monthText.ToLowerInvariant()[..Math.Min(3, monthText.Length)]) + 1;
        var day = int.TryParse(pubDate.Element("Day")?.Value, CultureInfo.InvariantCulture, out var d) ? d : 1;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : new DateOnly(year, 1, 1);
    }

    /// <summary>The year of a <c>MedlineDate</c> such as "1998 Dec-1999 Jan".</summary>
    private static int? Year(XElement? pubDate) =>
        pubDate?.Element("MedlineDate")?.Value is { Length: >= 4 } medline && int.TryParse(medline[..4], CultureInfo.InvariantCulture, out var y) ? y : null;
}
