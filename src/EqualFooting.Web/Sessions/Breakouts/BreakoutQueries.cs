using EqualFooting.Persistence;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions.Breakouts;

public sealed record BreakoutSummaryDto(int Id, int SessionId, string Title, BreakoutStrategy Strategy, int Groups, int Reported, long Sequence, DateTimeOffset CreatedAt);

public sealed record MemberDto(int ParticipantId, string Name, int StakeholderGroupId, string StakeholderGroup, int RegionId, string Region);

public sealed record CountDto(int Id, string Name, int Count);

/// <param name="InReportedGroups">How many of these members are in a group that has sent its report.</param>
public sealed record ProgressSplitDto(int Id, string Name, int Members, int InReportedGroups);

/// <summary>"1 of 3 groups reported", and the same progress counted in people by stakeholder group and by region.</summary>
public sealed record ProgressDto(int Reported, int Groups, IReadOnlyList<ProgressSplitDto> ByStakeholderGroup, IReadOnlyList<ProgressSplitDto> ByRegion);

public sealed record ReportDto(string Text, int Version, bool Reported, DateTimeOffset? ReportedAt, string? EditedBy, DateTimeOffset? EditedAt, DateTimeOffset? RemindedAt, int Reminders);

public sealed record BreakoutGroupDto(
    int Number,
    string Name,
    MemberDto? Rapporteur,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<CountDto> ByStakeholderGroup,
    IReadOnlyList<CountDto> ByRegion,
    ReportDto Report);

/// <summary>A round as every screen shows it, as of <see cref="Sequence"/>.</summary>
/// <param name="Unassigned">Participants of the process in no group of this round, for the moderator to place.</param>
public sealed record BreakoutDto(
    int Id,
    int SessionId,
    int ProcessId,
    string SessionTitle,
    string Title,
    BreakoutStrategy Strategy,
    int? Seed,
    IReadOnlyList<string> Questions,
    long Sequence,
    DateTimeOffset CreatedAt,
    ProgressDto Progress,
    IReadOnlyList<BreakoutGroupDto> Groups,
    IReadOnlyList<MemberDto> Unassigned);

/// <summary>Read models of breakout rounds, with names resolved for display.</summary>
public sealed class BreakoutQueries(EqualFootingDb db, BreakoutCommands commands, Privacy.PublicNames publicNames)
{
    public Task<List<BreakoutSummaryDto>> ListAsync(int sessionId, CancellationToken ct = default) =>
        db.Breakouts
            .Where(b => b.SessionId == sessionId)
            .OrderBy(b => b.Id)
#pragma warning disable CA1826 // An EF query: Groups.Count() is translated to SQL, never run on a list.
            .Select(b => new BreakoutSummaryDto(b.Id, b.SessionId, b.Title, b.Strategy, b.Groups.Count(), b.Groups.Count(g => g.ReportedAt != null), b.Version, b.CreatedAt))
#pragma warning restore CA1826
            .ToListAsync(ct);

    /// <summary>The latest round of the session that has the participant in a group, and the group's number.</summary>
    public async Task<(int BreakoutId, int Group)?> LatestGroupOfAsync(int sessionId, int participantId, CancellationToken ct = default)
    {
        // Members first, then their round: SQLite has no lateral join for the other way round.
        var found = await db.Set<BreakoutMember>()
            .Where(m => m.ParticipantId == participantId && db.Breakouts.Any(b => b.Id == m.BreakoutId && b.SessionId == sessionId))
            .OrderByDescending(m => m.BreakoutId)
            .Select(m => new { Id = m.BreakoutId, m.GroupNumber })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Id, found.GroupNumber);
    }

    public async Task<BreakoutDto> ViewAsync(BreakoutContext c, CancellationToken ct = default)
    {
        var b = c.Breakout;
        var process = c.Session.Process;
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var room = await commands.RoomAsync(c.Session, ct);
        var ids = room.Select(r => r.ParticipantId).Concat(b.Members.Select(m => m.ParticipantId)).Distinct().ToList();
        var names = await publicNames.NamesAsync(process.Id, ids, ct);

        MemberDto Member(int participantId, int group, int region) => new(
            participantId,
            names.GetValueOrDefault(participantId, $"Participant {participantId}"),
            group,
            groups.GetValueOrDefault(group, ""),
            region,
            regions.GetValueOrDefault(region, ""));

        var reported = b.Groups.Where(g => g.IsReported).Select(g => g.Number).ToHashSet();
        var groupDtos = b.Groups.OrderBy(g => g.Number).Select(g =>
        {
            var members = b.MembersOf(g.Number)
                .Select(m => Member(m.ParticipantId, m.StakeholderGroupId, m.RegionId))
                .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            return new BreakoutGroupDto(
                g.Number,
                g.RegionId is { } region && regions.TryGetValue(region, out var regionName) ? regionName : g.Name,
                members.FirstOrDefault(m => m.ParticipantId == g.RapporteurParticipantId),
                members,
                Count(members, m => m.StakeholderGroupId, m => m.StakeholderGroup, process.StakeholderGroups.Select(x => x.Id).ToList()),
                Count(members, m => m.RegionId, m => m.Region, process.Regions.Select(x => x.Id).ToList()),
                new ReportDto(g.Report, g.ReportVersion, g.IsReported, g.ReportedAt, g.ReportEditorName, g.ReportEditedAt, g.RemindedAt, g.Reminders));
        }).ToList();

        var placed = b.Members.Select(m => m.ParticipantId).ToHashSet();
        var unassigned = room.Where(r => !placed.Contains(r.ParticipantId))
            .Select(r => Member(r.ParticipantId, r.StakeholderGroupId, r.RegionId))
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        var progress = new ProgressDto(
            reported.Count,
            b.Groups.Count,
            Split(b, reported, m => m.StakeholderGroupId, process.StakeholderGroups.OrderBy(x => x.Position).Select(x => (x.Id, x.Name))),
            Split(b, reported, m => m.RegionId, process.Regions.OrderBy(x => x.Position).Select(x => (x.Id, x.Name))));

        return new BreakoutDto(
            b.Id, b.SessionId, process.Id, c.Session.Session.Title, b.Title, b.Strategy, b.Seed, b.Questions, b.Version, b.CreatedAt,
            progress, groupDtos, unassigned);
    }

    /// <summary>The compiled report of a round as Markdown: the questions, then each group's report.</summary>
    public static string Markdown(BreakoutDto b) =>
        BreakoutReport.ToMarkdown(b.SessionTitle, b.Title, b.Questions, [.. b.Groups.Select(g => new GroupReport(
            g.Name,
            g.Rapporteur?.Name,
            [.. g.ByStakeholderGroup.Select(s => (s.Name, s.Count))],
            g.Report.Text,
            g.Report.Reported,
            g.Report.EditedBy,
            g.Report.EditedAt))]);

    private static List<CountDto> Count(List<MemberDto> members, Func<MemberDto, int> key, Func<MemberDto, string> name, List<int> order) =>
        [.. members.GroupBy(key).OrderBy(g => order.IndexOf(g.Key)).Select(g => new CountDto(g.Key, name(g.First()), g.Count()))];

    private static List<ProgressSplitDto> Split(Breakout b, HashSet<int> reported, Func<BreakoutMember, int> key, IEnumerable<(int Id, string Name)> order)
    {
        var byKey = b.Members.GroupBy(key).ToDictionary(g => g.Key, g => (All: g.Count(), Reported: g.Count(m => reported.Contains(m.GroupNumber))));
        return [.. order.Where(o => byKey.ContainsKey(o.Id)).Select(o => new ProgressSplitDto(o.Id, o.Name, byKey[o.Id].All, byKey[o.Id].Reported))];
    }
}

/// <summary>The round a participant is in, for their session page.</summary>
public sealed record MyBreakout(BreakoutDto Round, int Group);
