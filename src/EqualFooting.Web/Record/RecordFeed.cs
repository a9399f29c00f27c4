using System.Globalization;
using System.Text;
using System.Xml;
using EqualFooting.Persistence;
using EqualFooting.Web.Privacy;

namespace EqualFooting.Web.Record;

/// <summary>
/// An Atom feed (RFC 4287) of a process's public events: its latest record entries, with names as the process's privacy
/// settings allow today. Written with XmlWriter: the format is a dozen elements and .NET's syndication library is a
/// package of its own.
/// </summary>
public static class RecordFeed
{
    public const int Entries = 50;

    public static IEndpointRouteBuilder MapRecordFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/processes/{id:int}/feed.atom", async (int id, HttpContext http, ProcessAccess processes, EqualFootingDb db, RecordActions actions, PublicNames names, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var process = found.Value.Process;
            var lines = await RecordQueries.RecentLinesAsync(db, actions, names, id, Entries, ct);
            var site = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Text(Atom(site, process.Id, process.Name, lines), "application/atom+xml; charset=utf-8", Encoding.UTF8);
        }).WithTags("Record").WithName("ProcessFeed")
            .WithSummary("An Atom feed of a process's public events: its latest 50 record entries, newest first")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static string Atom(string site, int processId, string processName, IReadOnlyList<RecordLine> lines)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var record = $"{site}/processes/{processId}/record";
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("id", ns, $"{site}/processes/{processId}");
            xml.WriteElementString("title", ns, processName);
            xml.WriteElementString("updated", ns, Time(lines.Count == 0 ? DateTimeOffset.UnixEpoch : lines[0].At));
            Link(xml, ns, "alternate", record);
            Link(xml, ns, "self", $"{site}/api/processes/{processId}/feed.atom");
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, processName);
            xml.WriteEndElement();
            foreach (var line in lines)
            {
                var who = line.ActorName ?? line.StakeholderGroup;
                var title = string.Join(' ', new[] { who, line.Phrase, line.Subject is null ? null : $"({line.Subject})" }.OfType<string>());
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, $"{site}/processes/{processId}/record#{line.Sequence}");
                xml.WriteElementString("title", ns, title);
                xml.WriteElementString("updated", ns, Time(line.At));
                Link(xml, ns, "alternate", record);
                xml.WriteStartElement("category", ns);
                xml.WriteAttributeString("term", line.Action);
                xml.WriteEndElement();
                if (line.StakeholderGroup is not null)
                {
                    xml.WriteElementString("summary", ns, string.Join(", ", new[] { line.StakeholderGroup, line.Region }.OfType<string>()));
                }

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
