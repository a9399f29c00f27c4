using System.Globalization;
using System.Text;
using System.Xml;
using EqualFooting.Decisions;
using EqualFooting.Outcomes;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Outcomes;

/// <summary>One new outcome item in the feed.</summary>
public sealed record FeedItem(string Kind, int Id, string Title, DateTimeOffset At, string Path);

/// <summary>
/// An Atom feed (RFC 4287) of a process's new outcome items: reports published, messages, decisions, commitments,
/// advice and indicators, newest first. Written with XmlWriter as the record's feed is (<see cref="Record.RecordFeed"/>).
/// </summary>
public static class OutcomeFeed
{
    public const int Entries = 50;

    public static async Task<IReadOnlyList<FeedItem>> ItemsAsync(EqualFootingDb db, int id, CancellationToken ct)
    {
        var items = new List<FeedItem>();
        items.AddRange((await db.SessionReports.AsNoTracking().Where(r => r.ProcessId == id && r.Status == ReportStatus.Published && r.PublishedAt != null)
            .Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => new { r.SessionId, s.Title, At = r.PublishedAt!.Value })
            .OrderByDescending(r => r.At).Take(Entries).ToListAsync(ct)).Select(r => new FeedItem("report", r.SessionId, r.Title, r.At, $"/sessions/{r.SessionId}/report")));
        items.AddRange((await db.Messages.AsNoTracking().Where(m => m.ProcessId == id).OrderByDescending(m => m.PublishedAt).Take(Entries)
            .Select(m => new { m.Id, m.Title, m.PublishedAt }).ToListAsync(ct)).Select(m => new FeedItem("message", m.Id, m.Title, m.PublishedAt, $"/processes/{id}/outcomes#message-{m.Id}")));
        items.AddRange((await db.Proposals.AsNoTracking().Where(p => p.ProcessId == id && p.Status == ProposalStatus.Closed && p.ClosedAt != null).OrderByDescending(p => p.ClosedAt).Take(Entries)
            .Select(p => new { p.Id, p.Title, At = p.ClosedAt!.Value }).ToListAsync(ct)).Select(p => new FeedItem("decision", p.Id, p.Title, p.At, $"/processes/{id}/proposals/{p.Id}")));
        items.AddRange((await db.Commitments.AsNoTracking().Where(c => c.ProcessId == id).OrderByDescending(c => c.CreatedAt).Take(Entries)
            .Select(c => new { c.Id, c.Title, c.CreatedAt }).ToListAsync(ct)).Select(c => new FeedItem("commitment", c.Id, c.Title, c.CreatedAt, $"/processes/{id}/outcomes/commitments#commitment-{c.Id}")));
        items.AddRange((await db.Advice.AsNoTracking().Where(a => a.ProcessId == id).OrderByDescending(a => a.CreatedAt).Take(Entries)
            .Select(a => new { a.Id, a.Title, a.CreatedAt }).ToListAsync(ct)).Select(a => new FeedItem("advice", a.Id, a.Title, a.CreatedAt, $"/processes/{id}/outcomes/advice#advice-{a.Id}")));
        items.AddRange((await db.Indicators.AsNoTracking().Where(i => i.ProcessId == id).OrderByDescending(i => i.CreatedAt).Take(Entries)
            .Select(i => new { i.Id, i.Name, i.CreatedAt }).ToListAsync(ct)).Select(i => new FeedItem("indicator", i.Id, i.Name, i.CreatedAt, $"/processes/{id}/indicators/{i.Id}")));
        return [.. items.OrderByDescending(i => i.At).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenByDescending(i => i.Id).Take(Entries)];
    }

    public static string Atom(string site, int processId, string processName, IReadOnlyList<FeedItem> items)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var page = $"{site}/processes/{processId}/outcomes";
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("id", ns, page);
            xml.WriteElementString("title", ns, processName);
            xml.WriteElementString("updated", ns, Time(items.Count == 0 ? DateTimeOffset.UnixEpoch : items[0].At));
            Link(xml, ns, "alternate", page);
            Link(xml, ns, "self", $"{site}/api/processes/{processId}/outcomes.atom");
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, processName);
            xml.WriteEndElement();
            foreach (var item in items)
            {
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, $"{page}#{item.Kind}-{item.Id}");
                xml.WriteElementString("title", ns, item.Title);
                xml.WriteElementString("updated", ns, Time(item.At));
                Link(xml, ns, "alternate", site + item.Path);
                xml.WriteStartElement("category", ns);
                xml.WriteAttributeString("term", item.Kind);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return text.ToString();
    }

    private static void Link(XmlWriter xml, string ns, string rel, string href)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
