using System.IO.Compression;
using System.Text;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Web.Moderation;
using EqualFooting.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.OpenData;

/// <summary>
/// A whole process as open data: one JSON and one CSV file per table, and a README naming every file and field. People
/// appear only as the process's privacy settings (and each participant's stricter choice) allow, through
/// <see cref="PublicNames"/> and <see cref="PublicFace"/>: never an e-mail address, never a name the settings hide,
/// never gender one by one. Withdrawn and hidden comments keep their row (their disposition may matter) without their text.
/// </summary>
public sealed class ProcessExport(EqualFootingDb db, PublicNames publicNames, ModerationQueries moderation)
{
    public async Task<IReadOnlyList<ExportTable>> TablesAsync(Process process, CancellationToken ct = default)
    {
        var id = process.Id;
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        string? Group(int? g) => g is { } k ? groups.GetValueOrDefault(k) : null;
        string? Region(int? r) => r is { } k ? regions.GetValueOrDefault(k) : null;
        var settings = await publicNames.SettingsAsync(id, ct);

        var tables = new List<ExportTable>
        {
            await ParticipantsAsync(id, settings, Group, Region, ct),
        };

        var consultations = await db.Consultations.AsNoTracking().Where(c => c.ProcessId == id).OrderBy(c => c.Id).ToListAsync(ct);
        var consultationTable = new ExportTable("consultations", "The consultations of the process: drafts put out for comment.",
        [
            new("consultation", "The consultation's id."),
            new("title", "Its title."),
            new("opens_at", "When it opened for comment (UTC)."),
            new("closes_at", "When it closes or closed for comment (UTC)."),
            new("latest_version", "The number of the draft's latest version."),
        ]);
        foreach (var c in consultations)
        {
            consultationTable.Add(c.Id, c.Title, c.OpensAt, c.ClosesAt, c.LatestVersion);
        }

        tables.Add(consultationTable);
        tables.AddRange(await CommentsAsync(id, settings, Group, Region, ct));
        tables.AddRange(await SessionsAsync(id, settings, Group, Region, ct));
        tables.AddRange(await PollsAsync(id, Group, ct));
        tables.AddRange(await DecisionsAsync(id, Group, ct));
        tables.AddRange(await OutcomesAsync(id, Group, ct));
        return tables;
    }

    /// <summary>The ZIP: README.md first, then each table's JSON and CSV.</summary>
    public static byte[] Zip(Process process, IReadOnlyList<ExportTable> tables, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "README.md", Encoding.UTF8.GetBytes(Readme(process, tables, now)), now);
            foreach (var table in tables)
            {
                Add(zip, table.Name + ".json", table.Json(), now);
                Add(zip, table.Name + ".csv", Encoding.UTF8.GetBytes(table.Csv()), now);
            }
        }

        return buffer.ToArray();
    }

    public static string Readme(Process process, IReadOnlyList<ExportTable> tables, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(process.Name).Append(": open data\n\n");
        text.Append("Exported ").Append(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append(" from EqualFooting.\n\n");
        text.Append("Every table comes twice: `NAME.json` (an array of objects) and `NAME.csv` (RFC 4180, UTF-8, a header row). ")
            .Append("Times are ISO 8601 in UTC; an empty CSV field is a JSON null. Ids link the tables (a comment's `consultation` is a `consultation` in consultations.csv). ")
            .Append("People appear only as the process's privacy settings allow: a name the settings hide reads \"A participant\" or \"Participant N\", ")
            .Append("and no file holds an e-mail address or anyone's gender.\n\n");
        foreach (var table in tables)
        {
            text.Append("## ").Append(table.Name).Append(".json, ").Append(table.Name).Append(".csv\n\n");
            text.Append(table.Description).Append(' ').Append(table.Count).Append(table.Count == 1 ? " row.\n\n" : " rows.\n\n");
            text.Append("| Field | Meaning |\n| --- | --- |\n");
            foreach (var field in table.Fields)
            {
                text.Append("| `").Append(field.Name).Append("` | ").Append(field.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, DateTimeOffset now)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = now;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private async Task<ExportTable> ParticipantsAsync(int id, PrivacySettings settings, Func<int?, string?> group, Func<int?, string?> region, CancellationToken ct)
    {
        var table = new ExportTable("participants", "Everyone who joined the process, with the stakeholder group and region they declare now, named as the privacy settings allow.",
        [
            new("participant", "The participant's id in this process."),
            new("name", "The name as the privacy settings allow: the name, a pseudonym, \"Participant N\", \"A participant\" or \"A former participant\"."),
            new("stakeholder_group", "The stakeholder group they declare now."),
            new("region", "The region they declare now."),
            new("country", "Their country, when the process and the participant make it public; empty otherwise."),
            new("organisation", "Their organisation, when the process and the participant make it public; empty otherwise."),
            new("joined_at", "When they joined the process (UTC)."),
        ]);
        var rows = await db.Participants.AsNoTracking().Where(p => p.ProcessId == id)
            .Join(db.Users, p => p.AccountId, u => u.Id, (p, u) => new { p.Id, p.OwnNames, p.Pseudonym, p.HidesCountry, p.HidesOrganisation, p.JoinedAt, u.DisplayName, u.ErasedAt })
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var affiliations = (await db.Affiliations.AsNoTracking().Where(a => a.ProcessId == id && a.Until == null).ToListAsync(ct))
            .GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.First());
        foreach (var r in rows)
        {
            var a = affiliations.GetValueOrDefault(r.Id);
            var face = PublicFace.Of(settings, new PersonalPrivacy(r.OwnNames, r.Pseudonym, r.HidesCountry, r.HidesOrganisation), r.Id, r.DisplayName, r.ErasedAt is not null, a?.Country, a?.Organisation);
            table.Add(r.Id, publicNames.Display(face), group(a?.StakeholderGroupId), region(a?.RegionId), face.Country, face.Organisation, r.JoinedAt);
        }

        return table;
    }

    private async Task<IEnumerable<ExportTable>> CommentsAsync(int id, PrivacySettings settings, Func<int?, string?> group, Func<int?, string?> region, CancellationToken ct)
    {
        var comments = await db.Comments.AsNoTracking()
            .Where(c => db.Consultations.Any(k => k.Id == c.ConsultationId && k.ProcessId == id))
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        var authors = await publicNames.CommentAuthorsAsync(id, comments.Where(c => c.AuthorName is null).Select(c => c.AuthorParticipantId), ct);
        var hidden = comments.Count == 0 ? [] : await moderation.HiddenAsync([.. comments.Select(c => c.Id)], ct);
        var table = new ExportTable("comments", "Every comment on the process's consultations, with the affiliation its author declared when writing it.",
        [
            new("comment", "The comment's id."),
            new("consultation", "The consultation it comments on."),
            new("version", "The draft version it comments on."),
            new("paragraph", "The paragraph it comments on; empty for a comment on the whole draft."),
            new("parent", "The comment it replies to; empty for a comment that is not a reply."),
            new("author", "The author as the privacy settings allow."),
            new("stakeholder_group", "The stakeholder group the author declared when commenting."),
            new("region", "The region the author declared when commenting."),
            new("channel", "How it arrived: on the site, by import, and the like."),
            new("text", "The comment; empty when withdrawn or hidden by moderators."),
            new("created_at", "When it was written (UTC)."),
            new("withdrawn", "Whether its author withdrew it."),
            new("hidden", "Whether moderators hid it."),
        ]);
        var dispositions = new ExportTable("dispositions", "How the committee answered each comment: every disposition in order, the latest one standing.",
        [
            new("comment", "The comment answered."),
            new("disposition", "Accepted, PartlyAccepted, NotAccepted and the like."),
            new("reason", "The reason given to the commenter."),
            new("decided_at", "When it was decided (UTC)."),
        ]);
        foreach (var c in comments)
        {
            var isHidden = hidden.ContainsKey(c.Id);
            var withdrawn = c.WithdrawnAt is not null;
            table.Add(c.Id, c.ConsultationId, c.VersionNumber, c.ParagraphId, c.ParentId, authors.Of(c), group(c.StakeholderGroupId), region(c.RegionId), c.Channel,
                withdrawn || isHidden ? null : c.Text, c.CreatedAt, withdrawn, isHidden);
            foreach (var d in c.Dispositions)
            {
                dispositions.Add(c.Id, d.Disposition, d.Reason, d.DecidedAt);
            }
        }

        return [table, dispositions];
    }

    private async Task<IEnumerable<ExportTable>> SessionsAsync(int id, PrivacySettings settings, Func<int?, string?> group, Func<int?, string?> region, CancellationToken ct)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.ProcessId == id).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync(ct);
        var sessionTable = new ExportTable("sessions", "The sessions of the process.",
        [
            new("session", "The session's id."),
            new("title", "Its title."),
            new("starts_at", "When it was scheduled to start (UTC)."),
            new("ends_at", "When it was scheduled to end (UTC)."),
            new("room", "The room, if any."),
            new("remote_participation", "Whether it took remote participants."),
            new("status", "Scheduled, Running or Ended."),
            new("started_at", "When it actually started (UTC)."),
            new("ended_at", "When it actually ended (UTC)."),
        ]);
        foreach (var s in sessions)
        {
            sessionTable.Add(s.Id, s.Title, s.StartsAt, s.EndsAt, s.Room, s.RemoteParticipation, s.Status, s.StartedAt, s.EndedAt);
        }

        var ids = sessions.Select(s => s.Id).ToList();
        var turns = await db.Interventions.AsNoTracking().Where(i => ids.Contains(i.SessionId)).OrderBy(i => i.SessionId).ThenBy(i => i.Number).ToListAsync(ct);
        var names = await publicNames.NamesAsync(id, turns.Where(t => t.SpeakerKind == SpeakerKind.Participant && t.SpeakerId is not null).Select(t => t.SpeakerId!.Value), ct);
        var interventions = new ExportTable("interventions", "Every turn at the floor in the sessions, with the stakeholder group and region the speaker spoke for.",
        [
            new("session", "The session."),
            new("number", "The turn's number in the session."),
            new("speaker_kind", "Participant, InRoom (someone without a device) or RemoteHub."),
            new("speaker", "The speaker as the privacy settings allow; a remote hub by its name."),
            new("stakeholder_group", "The stakeholder group the speaker spoke for."),
            new("region", "The region the speaker spoke for."),
            new("remote", "Whether the speaker was remote."),
            new("kind", "Normal, PointOfOrder, InterposedQuestion or FollowUp."),
            new("agenda_item", "The agenda item under way, if any."),
            new("started_at", "When the turn started (UTC)."),
            new("ended_at", "When it ended (UTC); empty while it goes on."),
            new("seconds", "The time spoken in seconds, without the time the moderator paused it; empty while it goes on."),
        ]);
        foreach (var t in turns)
        {
            var speaker = t.SpeakerKind switch
            {
                SpeakerKind.Participant => t.SpeakerId is { } p ? names.GetValueOrDefault(p, "") : "",
                SpeakerKind.RemoteHub => t.SpeakerName ?? $"Hub {t.SpeakerId}",
                _ => publicNames.Display(PublicFace.Entered(settings, t.SpeakerName ?? "", 0, null)),
            };
            interventions.Add(t.SessionId, t.Number, t.SpeakerKind, speaker, group(t.StakeholderGroupId), region(t.RegionId), t.Remote, t.Kind, t.AgendaItemId,
                t.StartedAt, t.EndedAt, InterventionRow.Spoken(t.StartedAt, t.EndedAt, t.PausedSeconds) is { } spoken ? (long)spoken : null);
        }

        var checkIns = await db.CheckIns.AsNoTracking().Where(a => ids.Contains(a.SessionId)).OrderBy(a => a.SessionId).ThenBy(a => a.Id).ToListAsync(ct);
        var attendance = new ExportTable("attendance", "Who attended each session, one row per check-in; nobody is named, people without a device have no participant id.",
        [
            new("session", "The session."),
            new("participant", "The participant who checked in; empty for someone a moderator checked in without a device."),
            new("stakeholder_group", "The stakeholder group they attended for."),
            new("region", "The region they attended for."),
            new("mode", "InRoom, Remote or Hub."),
            new("hub", "The remote hub they attended through, if any."),
            new("checked_in_at", "When they checked in (UTC)."),
        ]);
        foreach (var a in checkIns)
        {
            attendance.Add(a.SessionId, a.ParticipantId, group(a.StakeholderGroupId), region(a.RegionId), a.Mode, a.HubId, a.CheckedInAt);
        }

        return [sessionTable, interventions, attendance];
    }

    private async Task<IEnumerable<ExportTable>> PollsAsync(int id, Func<int?, string?> group, CancellationToken ct)
    {
        var polls = await db.Polls.AsNoTracking().Where(p => p.ProcessId == id).OrderBy(p => p.Id).ToListAsync(ct);
        var pollTable = new ExportTable("polls", "The polls of the process and of its sessions.",
        [
            new("poll", "The poll's id."),
            new("session", "The session it was asked in, if any."),
            new("question", "The question."),
            new("kind", "SingleChoice, MultipleChoice, Likert or SenseCheck."),
            new("answers", "The answer categories, separated by \" | \"."),
            new("anonymous", "Whether ballots are anonymous."),
            new("status", "Open or Closed."),
            new("created_at", "When it was asked (UTC)."),
            new("closed_at", "When it closed (UTC)."),
            new("results_published", "Whether its results are public (closed, or shown while open); poll_results holds only these."),
        ]);
        var results = new ExportTable("poll_results", "Each published poll's answers counted by stakeholder group: one row per poll, answer category and group.",
        [
            new("poll", "The poll."),
            new("answer", "The answer category."),
            new("stakeholder_group", "The stakeholder group of those who answered."),
            new("ballots", "How many ballots counted in this category."),
        ]);
        var ids = polls.Select(p => p.Id).ToList();
        var ballots = await db.Ballots.AsNoTracking().Where(b => ids.Contains(b.PollId))
            .GroupBy(b => new { b.PollId, b.StakeholderGroupId, b.Choices })
            .Select(g => new { g.Key.PollId, g.Key.StakeholderGroupId, g.Key.Choices, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var p in polls)
        {
            var published = p.Status == PollStatus.Closed || p.ResultsWhileOpen;
            pollTable.Add(p.Id, p.SessionId, p.Question, p.Kind, string.Join(" | ", p.Categories), p.Anonymous, p.Status, p.CreatedAt, p.ClosedAt, published);
            if (!published)
            {
                continue;
            }

            foreach (var byGroup in ballots.Where(b => b.PollId == p.Id).GroupBy(b => b.StakeholderGroupId).OrderBy(g => g.Key))
            {
                for (var i = 0; i < p.Categories.Count; i++)
                {
                    var bit = 1 << i;
                    results.Add(p.Id, p.Categories[i], group(byGroup.Key), (long)byGroup.Where(b => (b.Choices & bit) != 0).Sum(b => b.Count));
                }
            }
        }

        return [pollTable, results];
    }

    private async Task<IEnumerable<ExportTable>> DecisionsAsync(int id, Func<int?, string?> group, CancellationToken ct)
    {
        var proposals = await db.Proposals.AsNoTracking().Where(p => p.ProcessId == id).OrderBy(p => p.Id).ToListAsync(ct);
        var proposalTable = new ExportTable("decisions", "The proposals put to a decision, with their rule and outcome.",
        [
            new("proposal", "The proposal's id."),
            new("title", "Its title."),
            new("question", "The question decided."),
            new("rule", "The decision rule."),
            new("status", "Open, Closed or Split."),
            new("round", "The round of positions under way or last held."),
            new("parent", "The proposal it was split from, if any."),
            new("created_at", "When it was put forward (UTC)."),
            new("closed_at", "When it was decided (UTC)."),
            new("outcome", "What was decided; empty while open."),
        ]);
        foreach (var p in proposals)
        {
            proposalTable.Add(p.Id, p.Title, p.Question, p.RuleKind, p.Status, p.Round, p.ParentId, p.CreatedAt, p.ClosedAt, p.Outcome?.ToString());
        }

        var ids = proposals.Select(p => p.Id).ToList();
        var positions = await db.ProposalPositions.AsNoTracking().Where(p => ids.Contains(p.ProposalId))
            .GroupBy(p => new { p.ProposalId, p.Round, p.StakeholderGroupId, p.Stance })
            .Select(g => new { g.Key.ProposalId, g.Key.Round, g.Key.StakeholderGroupId, g.Key.Stance, Count = g.Count() })
            .ToListAsync(ct);
        var tallies = new ExportTable("tallies", "The positions taken on each proposal, counted by round, stance and stakeholder group.",
        [
            new("proposal", "The proposal."),
            new("round", "The round."),
            new("stance", "Agree, Disagree, Abstain or Block."),
            new("stakeholder_group", "The stakeholder group of those who took it."),
            new("positions", "How many took this stance."),
        ]);
        foreach (var t in positions.OrderBy(t => t.ProposalId).ThenBy(t => t.Round).ThenBy(t => t.Stance).ThenBy(t => t.StakeholderGroupId))
        {
            tallies.Add(t.ProposalId, t.Round, t.Stance, group(t.StakeholderGroupId), t.Count);
        }

        return [proposalTable, tallies];
    }

    private async Task<IEnumerable<ExportTable>> OutcomesAsync(int id, Func<int?, string?> group, CancellationToken ct)
    {
        var messages = new ExportTable("messages", "The process's messages: its non-negotiated outcomes.",
        [
            new("message", "The message's id."),
            new("title", "Its title."),
            new("body", "Its text."),
            new("published_at", "When it was published (UTC)."),
        ]);
        foreach (var m in await db.Messages.AsNoTracking().Where(m => m.ProcessId == id).OrderBy(m => m.Id).ToListAsync(ct))
        {
            messages.Add(m.Id, m.Title, m.Body, m.PublishedAt);
        }

        var commitments = new ExportTable("commitments", "Who committed to do what by when.",
        [
            new("commitment", "The commitment's id."),
            new("title", "What is to be done."),
            new("description", "More on it."),
            new("lead_stakeholder_group", "The stakeholder group that leads it, if any."),
            new("lead_organisation", "The organisation that leads it, if any."),
            new("due_on", "When it is due."),
            new("status", "Where it stands."),
        ]);
        foreach (var c in await db.Commitments.AsNoTracking().Where(c => c.ProcessId == id).OrderBy(c => c.Id).ToListAsync(ct))
        {
            commitments.Add(c.Id, c.Title, c.Description, group(c.LeadStakeholderGroupId), c.LeadOrganisation, c.DueOn, c.Status);
        }

        return [messages, commitments];
    }
}
