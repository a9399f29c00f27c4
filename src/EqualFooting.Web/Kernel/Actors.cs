using System.Security.Claims;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Kernel;

/// <summary>Resolves the acting user of a request into what the policies and the record need.</summary>
public sealed class Actors(EqualFootingDb db, IHttpContextAccessor http)
{
    private Actor? _instanceActor;
    private ClaimsPrincipal? _user;

    /// <summary>
    /// A SignalR hub method runs outside any request, where the HTTP context accessor cannot be relied on; the hub
    /// names its connection's user here instead.
    /// </summary>
    public void ActAs(ClaimsPrincipal? user)
    {
        _user = user;
        _instanceActor = null;
    }

    public string? AccountId => (_user ?? http.HttpContext?.User)?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The actor outside any process: signed in or not, administrator or not.</summary>
    public async Task<Actor> CurrentAsync(CancellationToken ct = default)
    {
        if (_instanceActor is not null)
        {
            return _instanceActor;
        }

        if (AccountId is not { } id)
        {
            return _instanceActor = Actor.Anonymous;
        }

        var admin = await IsAdministrator.For(db)(db, id, ct);

        // A cookie for an account that no longer exists reads as anonymous.
        return _instanceActor = admin is null ? Actor.Anonymous : new Actor(id, admin.Value, new HashSet<ProcessRole>(), false);
    }

    // Every signed-in request that writes asks this; compiled once, it skips EF's translation lookup per call.
    private static readonly PerProvider<Func<EqualFootingDb, string, CancellationToken, Task<bool?>>> IsAdministrator = new(() =>
        EF.CompileAsyncQuery((EqualFootingDb db, string id, CancellationToken ct) => db.Users.Where(u => u.Id == id).Select(u => (bool?)u.IsAdministrator).FirstOrDefault()));

    public async Task<Actor> InProcessAsync(int processId, CancellationToken ct = default)
    {
        var actor = await CurrentAsync(ct);
        if (actor.AccountId is not { } id)
        {
            return actor;
        }

        var roles = await db.RoleAssignments
            .Where(r => r.ProcessId == processId && r.AccountId == id)
            .Select(r => r.Role)
            .ToListAsync(ct);
        var participant = await db.Participants.AnyAsync(p => p.ProcessId == processId && p.AccountId == id, ct);
        return actor with { Roles = roles.ToHashSet(), IsParticipant = participant };
    }

    /// <summary>
    /// The standing of many accounts in many processes at once, in four queries: for a group writer, which authorises
    /// each member of its group inside its own transaction (the ballot intake). The same rules as
    /// <see cref="CurrentAsync"/>, <see cref="InProcessAsync"/> and <see cref="ForRecordAsync(int?, string?, CancellationToken)"/>,
    /// read by set; a pair absent from the answer is an account that no longer exists (anonymous, as a stale cookie reads).
    /// </summary>
    public async Task<Dictionary<(int ProcessId, string AccountId), Standing>> StandingsAsync(IReadOnlyCollection<int> processIds, IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        var admins = await db.Users.Where(u => accountIds.Contains(u.Id)).Select(u => new { u.Id, u.IsAdministrator }).ToDictionaryAsync(u => u.Id, u => u.IsAdministrator, ct);
        var roles = (await db.RoleAssignments
                .Where(r => processIds.Contains(r.ProcessId) && accountIds.Contains(r.AccountId))
                .Select(r => new { r.ProcessId, r.AccountId, r.Role })
                .ToListAsync(ct))
            .ToLookup(r => (r.ProcessId, r.AccountId), r => r.Role);
        var participants = await db.Participants
            .Where(p => processIds.Contains(p.ProcessId) && accountIds.Contains(p.AccountId))
            .Select(p => new { p.Id, p.ProcessId, p.AccountId })
            .ToListAsync(ct);
        var ids = participants.Select(p => p.Id).ToList();
        var current = (await db.Affiliations
                .Where(a => a.Until == null && ids.Contains(a.ParticipantId))
                .Select(a => new
                {
                    Affiliation = a,
                    Group = db.StakeholderGroups.Where(g => g.Id == a.StakeholderGroupId).Select(g => g.Name).FirstOrDefault(),
                    Region = db.Regions.Where(r => r.Id == a.RegionId).Select(r => r.Name).FirstOrDefault(),
                })
                .AsNoTracking()
                .ToListAsync(ct))
            .ToLookup(a => a.Affiliation.ParticipantId);
        var joined = participants.ToLookup(p => (p.ProcessId, p.AccountId));

        var standings = new Dictionary<(int, string), Standing>();
        foreach (var (account, admin) in admins)
        {
            foreach (var process in processIds)
            {
                var key = (process, account);
                var mine = joined[key].ToList();
                var now = mine.SelectMany(p => current[p.Id]).FirstOrDefault();
                var actor = new Actor(account, admin, roles[key].ToHashSet(), mine.Count > 0);
                var record = new RecordActor(account, now?.Affiliation, now?.Group, now?.Region);
                standings[key] = new Standing(actor, record, now is null ? null : new CurrentStanding(now.Affiliation.ParticipantId, now.Affiliation.StakeholderGroupId, now.Affiliation.RegionId));
            }
        }

        return standings;
    }

    /// <summary>
    /// Acts as the given account outside any request (operator commands, the demo). The account must exist; its
    /// administrator flag and roles are read as for a signed-in user.
    /// </summary>
    public void ActAs(string accountId) =>
        ActAs(new ClaimsPrincipal(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.NameIdentifier, accountId)], "operator")));

    /// <summary>How the record names the actor: the account and the affiliation current in this process, if any; never their name.</summary>
    public Task<RecordActor?> ForRecordAsync(int? processId, CancellationToken ct = default) => ForRecordAsync(processId, AccountId, ct);

    /// <summary>The same for a given account: one that acts before it can sign in (its own registration).</summary>
    public async Task<RecordActor?> ForRecordAsync(int? processId, string? accountId, CancellationToken ct = default)
    {
        if (accountId is not { } id)
        {
            return null;
        }

        if (processId is null)
        {
            return new RecordActor(id, null, null, null);
        }

        var current = await db.Affiliations
            .Where(a => a.ProcessId == processId && a.Until == null && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == id))
            .Select(a => new
            {
                Affiliation = a,
                Group = db.StakeholderGroups.Where(g => g.Id == a.StakeholderGroupId).Select(g => g.Name).FirstOrDefault(),
                Region = db.Regions.Where(r => r.Id == a.RegionId).Select(r => r.Name).FirstOrDefault(),
            })
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
        return new RecordActor(id, current?.Affiliation, current?.Group, current?.Region);
    }
}

/// <summary>Where one account stands in one process: what the policies need, how the record names it, where it counts now.</summary>
public sealed record Standing(Actor Actor, RecordActor Record, CurrentStanding? Current);

/// <summary>The participant an account is in a process, with the stakeholder group and region it counts under now.</summary>
public sealed record CurrentStanding(int ParticipantId, int StakeholderGroupId, int RegionId);
