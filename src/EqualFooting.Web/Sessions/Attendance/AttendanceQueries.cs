using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions.Attendance;

public sealed record AttendanceTallyDto(int Key, string Name, int People);

/// <summary>A session's attendance in aggregate: nobody is named.</summary>
/// <param name="WithoutDevice">People a moderator checked in under a name, counted within the total.</param>
/// <param name="MyCheckIn">How the reader checked in, when they have.</param>
public sealed record AttendanceDto(
    int SessionId,
    int Total,
    int InRoom,
    int Remote,
    int ThroughHubs,
    int WithoutDevice,
    IReadOnlyList<AttendanceTallyDto> ByStakeholderGroup,
    IReadOnlyList<AttendanceTallyDto> ByRegion,
    AttendanceMode? MyCheckIn);

/// <summary>What the session's screens hear after a check-in: the new total, so a screen showing another refreshes.</summary>
public sealed record AttendanceSignalDto(int SessionId, int Total);

/// <summary>Attendance read models, counted in the database.</summary>
public sealed class AttendanceQueries(EqualFootingDb db)
{
    public async Task<AttendanceDto> SummaryAsync(SessionContext c, CancellationToken ct = default)
    {
        var sessionId = c.Session.Id;
        var counts = await CountsAsync(sessionId, ct);
        var groups = c.Process.StakeholderGroups.OrderBy(g => g.Position).ToList();
        var regions = c.Process.Regions.OrderBy(r => r.Position).ToList();
        AttendanceMode? mine = null;
        if (c.Actor.AccountId is { } account && c.Actor.IsParticipant)
        {
            mine = await db.CheckIns
                .Where(a => a.SessionId == sessionId && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == account))
                .Select(a => (AttendanceMode?)a.Mode)
                .FirstOrDefaultAsync(ct);
        }

        var withoutDevice = await db.CheckIns.CountAsync(a => a.SessionId == sessionId && a.ParticipantId == null, ct);
        return new AttendanceDto(
            sessionId,
            counts.Sum(x => x.People),
            counts.Where(x => x.Mode == AttendanceMode.InRoom).Sum(x => x.People),
            counts.Where(x => x.Mode == AttendanceMode.Remote).Sum(x => x.People),
            counts.Where(x => x.Mode == AttendanceMode.Hub).Sum(x => x.People),
            withoutDevice,
            Split(counts, groups.Select(g => (g.Id, g.Name)), x => x.StakeholderGroupId),
            Split(counts, regions.Select(r => (r.Id, r.Name)), x => x.RegionId),
            mine);
    }

    /// <summary>The session's check-ins by group, region and mode.</summary>
    public Task<List<AttendanceCount>> CountsAsync(int sessionId, CancellationToken ct = default) =>
        db.CheckIns.Where(a => a.SessionId == sessionId)
            .GroupBy(a => new { a.StakeholderGroupId, a.RegionId, a.Mode })
            .Select(g => new AttendanceCount(g.Key.StakeholderGroupId, g.Key.RegionId, g.Key.Mode, g.Count()))
            .ToListAsync(ct);

    /// <summary>How many attended per stakeholder group; empty when nobody has checked in.</summary>
    public async Task<Dictionary<int, int>> ByGroupAsync(int sessionId, CancellationToken ct = default) =>
        (await CountsAsync(sessionId, ct)).GroupBy(x => x.StakeholderGroupId).ToDictionary(g => g.Key, g => g.Sum(x => x.People));

    /// <summary>The participants who checked in (people without a device have no participant to place); empty when nobody has.</summary>
    public Task<List<int>> PresentParticipantsAsync(int sessionId, CancellationToken ct = default) =>
        db.CheckIns.Where(a => a.SessionId == sessionId && a.ParticipantId != null).Select(a => a.ParticipantId!.Value).ToListAsync(ct);

    public Task<int> TotalAsync(int sessionId, CancellationToken ct = default) => db.CheckIns.CountAsync(a => a.SessionId == sessionId, ct);

    /// <summary>Every group or region the process has, in its order, then any other that attended (a retired one).</summary>
    private static List<AttendanceTallyDto> Split(List<AttendanceCount> counts, IEnumerable<(int Id, string Name)> order, Func<AttendanceCount, int> key)
    {
        var by = counts.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(x => x.People));
        var known = order.ToList();
        return [.. known.Select(k => new AttendanceTallyDto(k.Id, k.Name, by.GetValueOrDefault(k.Id)))
            .Concat(by.Keys.Where(k => known.All(o => o.Id != k)).Order().Select(k => new AttendanceTallyDto(k, "", by[k])))];
    }
}
