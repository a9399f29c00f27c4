using System.Globalization;
using System.Text;

namespace EqualFooting.Web.Outcomes;

/// <summary>
/// A session report as one Markdown document in the IGF's template: the rapporteur's sections in the template's order,
/// then the figures. Headings and figures are English, like the API; the pages translate their own.
/// </summary>
public static class ReportDocument
{
    public static string Markdown(SessionReportView view)
    {
        var r = view.Report ?? throw new InvalidOperationException("No report to write.");
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Line(view.SessionTitle)).AppendLine();
        md.Append("Session report, ").Append(Line(view.ProcessName)).Append(", ")
            .Append(view.StartsAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC")
            .AppendLine(r.PublishedAt is { } at ? $". Published {at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}." : ". Draft, not yet published.")
            .AppendLine();
        Section(md, "Summary", r.Summary);
        Section(md, "Main issues", r.MainIssues);
        if (r.Perspectives.Count > 0)
        {
            md.AppendLine("## Stakeholder perspectives").AppendLine();
            foreach (var p in r.Perspectives)
            {
                md.Append("### ").AppendLine(Line(p.StakeholderGroup)).AppendLine().AppendLine(p.Text.Trim()).AppendLine();
            }
        }

        Section(md, "Areas of agreement", r.Agreement);
        Section(md, "Areas of divergence", r.Divergence);
        Section(md, "Suggested next steps", r.NextSteps);

        var f = view.Figures;
        md.AppendLine("## Figures").AppendLine();
        md.Append("Participants in the process: ").Append(f.Attendance).Append(". Interventions: ").Append(f.Interventions)
            .Append(", ").Append(Minutes(f.Seconds)).AppendLine(" minutes.").AppendLine();
        Table(md, "Attendance by stakeholder group", ["Stakeholder group", "Participants"], f.AttendanceByStakeholderGroup.Select(c => new[] { c.Name, Num(c.Count) }));
        Table(md, "Attendance by region", ["Region", "Participants"], f.AttendanceByRegion.Select(c => new[] { c.Name, Num(c.Count) }));
        Table(md, "Speakers by stakeholder group", ["Stakeholder group", "Interventions", "Minutes"], f.SpeakersByStakeholderGroup.Select(t => new[] { t.Name, Num(t.Interventions), Minutes(t.Seconds) }));
        Table(md, "Speakers by region", ["Region", "Interventions", "Minutes"], f.SpeakersByRegion.Select(t => new[] { t.Name, Num(t.Interventions), Minutes(t.Seconds) }));
        Table(md, "Speakers by gender", ["Gender", "Interventions", "Minutes"], f.SpeakersByGender.Select(g => new[] { g.FewerThan is { } n ? $"Fewer than {n} people each" : g.Gender, Num(g.Interventions), Minutes(g.Seconds) }));
        Table(md, "Floor share", ["Stakeholder group", "In the room", "Share of time", "Share of the room"], f.FloorShares.Select(s => new[] { s.StakeholderGroup, Num(s.InRoom), Percent(s.FloorShareByTime), Percent(s.RoomShare) }));
        return md.ToString();
    }

    private static void Section(StringBuilder md, string heading, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            md.Append("## ").AppendLine(heading).AppendLine().AppendLine(text.Trim()).AppendLine();
        }
    }

    private static void Table(StringBuilder md, string caption, string[] headings, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        md.Append("### ").AppendLine(caption).AppendLine();
        if (list.Count == 0)
        {
            md.AppendLine("None.").AppendLine();
            return;
        }

        md.Append("| ").Append(string.Join(" | ", headings)).AppendLine(" |");
        md.Append('|').Append(string.Concat(headings.Select(_ => " --- |"))).AppendLine();
        foreach (var row in list)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
        }

        md.AppendLine();
    }

    // A name is one line in a heading and cannot break a table.
    private static string Line(string s) => s.ReplaceLineEndings(" ").Trim();

    private static string Cell(string s) => Line(s).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Minutes(double seconds) => (seconds / 60).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
