using System.Globalization;
using System.Text;

namespace EqualFooting.Sessions;

/// <summary>One group's part of the compiled report, with names already resolved.</summary>
/// <param name="Mix">The group's members by stakeholder group, e.g. ("Civil society", 3).</param>
public sealed record GroupReport(
    string Name,
    string? Rapporteur,
    IReadOnlyList<(string StakeholderGroup, int Members)> Mix,
    string Text,
    bool Reported,
    string? EditedBy,
    DateTimeOffset? EditedAt);

/// <summary>
/// The rapporteur's compiled document: the questions once, then every group's report under them, as Markdown. Groups
/// that have not reported are listed as such rather than left out, so the document shows who is missing.
/// </summary>
public static class BreakoutReport
{
    public static string ToMarkdown(string sessionTitle, string roundTitle, IReadOnlyList<string> questions, IReadOnlyList<GroupReport> groups)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(OneLine(roundTitle)).Append('\n');
        md.Append('\n').Append(OneLine(sessionTitle)).Append(" · ")
            .Append(groups.Count(g => g.Reported).ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(groups.Count.ToString(CultureInfo.InvariantCulture)).Append(" groups reported\n");
        md.Append("\n## Questions\n\n");
        for (var i = 0; i < questions.Count; i++)
        {
            md.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(OneLine(questions[i])).Append('\n');
        }

        foreach (var g in groups)
        {
            md.Append("\n## ").Append(OneLine(g.Name)).Append('\n');
            var about = new List<string>();
            if (g.Rapporteur is { } r)
            {
                about.Add("Rapporteur: " + OneLine(r));
            }

            if (g.Mix.Count > 0)
            {
                about.Add("Members: " + string.Join(", ", g.Mix.Select(m => $"{OneLine(m.StakeholderGroup)} {m.Members.ToString(CultureInfo.InvariantCulture)}")));
            }

            if (g.EditedBy is { } by && g.EditedAt is { } at)
            {
                about.Add($"Last edited by {OneLine(by)}, {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
            }

            if (about.Count > 0)
            {
                md.Append('\n').Append(string.Join("  \n", about.Select(a => "*" + a + "*"))).Append('\n');
            }

            md.Append('\n');
            if (g.Text.Length == 0)
            {
                md.Append("*No report yet.*\n");
            }
            else
            {
                if (!g.Reported)
                {
                    md.Append("*Draft: not yet sent.*\n\n");
                }

                md.Append(DemoteHeadings(g.Text.Replace("\r\n", "\n", StringComparison.Ordinal)).TrimEnd()).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>Titles and names go on one line, and a leading '#' or number does not turn them into Markdown structure.</summary>
    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim().Replace("*", "\\*", StringComparison.Ordinal);

    /// <summary>A group's own headings sit below its "## Group" heading, so the document keeps one outline.</summary>
    private static string DemoteHeadings(string text)
    {
        var lines = text.Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && lines[i].StartsWith('#'))
            {
                var level = lines[i].TakeWhile(c => c == '#').Count();
                if (level <= 6 && (lines[i].Length == level || lines[i][level] == ' '))
                {
                    lines[i] = new string('#', Math.Min(6, level + 2)) + lines[i][level..];
                }
            }
        }

        return string.Join('\n', lines);
    }
}
