using System.Collections.Concurrent;
using System.Threading.Channels;
using EqualFooting.Conversations;
using EqualFooting.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Conversations;

public sealed record StatementText(int Id, string Text);

public sealed record MapParticipant(int ParticipantId, double X, double Y, int Group, int StakeholderGroupId, int RegionId);

/// <summary>The opinion map of one conversation as stored at <see cref="Votes"/> votes, with database ids instead of matrix indices.</summary>
public sealed record ConversationMap(
    int ConversationId,
    int Votes,
    IReadOnlyList<StatementText> Statements,
    IReadOnlyList<MapParticipant> Points,
    IReadOnlyList<OpinionGroup> Groups,
    IReadOnlyList<DivisiveStatement> Divisive,
    IReadOnlyList<BridgingStatement> Bridging,
    IReadOnlyList<int> StakeholderGroupIds,
    int SetAside)
{
    /// <summary>The statement's id and text for the analysis's statement index.</summary>
    public StatementText Statement(int index) => Statements[index];

    /// <summary>The stakeholder group id for a <see cref="GroupRate"/> of kind Stakeholder (the analysis numbers them from 0).</summary>
    public int StakeholderGroupOf(int index) => StakeholderGroupIds[index];
}

/// <summary>
/// The opinion maps of conversations, cached per conversation and recomputed coalesced: a vote only marks its
/// conversation stale (<see cref="Touch"/>); this worker recomputes stale maps at most once every five seconds, so
/// however fast votes arrive a vote never waits for the analysis and the map is at most a few seconds behind.
/// </summary>
public sealed class ConversationAnalyses(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConversationAnalyses> log, IHubContext<ConversationHub, IConversationClient> hub) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Below this many votes each map is computed afresh rather than continued from the last.</summary>
    public const int ContinueFromVotes = 10_000;

    /// <summary>
    /// Votes taken by another web node never mark this node's map stale, so a map older than this is refreshed in the
    /// background when read: behind a load balancer a map lags by at most about this much.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, (long Ticket, ConversationMap Map, DateTimeOffset At)> _maps = new();

    // The last analysis of each conversation, which the next one continues from (only the votes that changed are re-counted).
    private readonly ConcurrentDictionary<int, OpinionMap> _analyses = new();
    private long _tickets;
    private readonly ConcurrentDictionary<int, byte> _stale = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Marks a conversation's map stale; cheap and never blocks.</summary>
    public void Touch(int conversationId)
    {
        _stale[conversationId] = 0;
        _wake.Writer.TryWrite(true);
    }

    /// <summary>The latest map (possibly a few seconds stale); computed now only the first time it is asked for.</summary>
    public async Task<ConversationMap> GetAsync(int conversationId, CancellationToken ct)
    {
        if (!_maps.TryGetValue(conversationId, out var cached))
        {
            return await RefreshAsync(conversationId, ct);
        }

        if (clock.GetUtcNow() - cached.At > MaxAge)
        {
            Touch(conversationId);
        }

        return cached.Map;
    }

    /// <summary>
    /// Computes the map now and caches it. Each computation takes a ticket before it reads the votes, and a map only
    /// replaces one that read earlier, so a slow computation never overwrites a newer map.
    /// </summary>
    public async Task<ConversationMap> RefreshAsync(int conversationId, CancellationToken ct)
    {
        var ticket = Interlocked.Increment(ref _tickets);
        var at = clock.GetUtcNow();
        var map = await ComputeAsync(conversationId, ct);
        var stored = _maps.AddOrUpdate(conversationId, (ticket, map, at), (_, old) => old.Ticket > ticket ? old : (ticket, map, at));
        return stored.Map;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _wake.Reader.WaitToReadAsync(stoppingToken))
        {
            _wake.Reader.TryRead(out _);
            foreach (var id in _stale.Keys)
            {
                _stale.TryRemove(id, out _);
                try
                {
                    var map = await RefreshAsync(id, stoppingToken);
                    // Pages following the conversation refresh their map and counts (docs/opinion-maps.md).
                    await hub.Clients.Group(ConversationHub.Group(id)).MapChanged(ConversationHub.Summary(map));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The previous map stays; the next vote tries again.
                    log.LogError(e, "Could not recompute the opinion map of conversation {Conversation}", id);
                }
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    /// <summary>Reads the stored votes on shown statements and runs <see cref="OpinionAnalysis"/> on them.</summary>
    public async Task<ConversationMap> ComputeAsync(int conversationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var statements = await db.Statements.AsNoTracking()
            .Where(s => s.ConversationId == conversationId && s.Status == StatementStatus.Approved)
            .OrderBy(s => s.Id)
            .Select(s => new StatementText(s.Id, s.Text))
            .ToListAsync(ct);
        var statementIndex = statements.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var votes = await db.StatementVotes.AsNoTracking()
            .Where(v => v.ConversationId == conversationId)
            .Select(v => new { v.ParticipantId, v.StatementId, v.Choice })
            .ToListAsync(ct);
        votes.RemoveAll(v => !statementIndex.ContainsKey(v.StatementId));
        var participantIds = votes.Select(v => v.ParticipantId).Distinct().Order().ToList();
        var participantIndex = participantIds.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var affiliations = await db.Affiliations.AsNoTracking()
            .Where(a => participantIds.Contains(a.ParticipantId) && a.Until == null)
            .Select(a => new { a.ParticipantId, a.StakeholderGroupId, a.RegionId })
            .ToListAsync(ct);
        var affiliationOf = affiliations.GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.First());
        var groupIds = affiliations.Select(a => a.StakeholderGroupId).Distinct().Order().ToList();
        var groupIndex = groupIds.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
        var stakeholderOf = participantIds.Select(p => affiliationOf.TryGetValue(p, out var a) ? groupIndex[a.StakeholderGroupId] : -1).ToArray();

        var matrix = VoteMatrix.Build(
            participantIds.Count,
            statements.Count,
            [.. votes.Select(v => new CastVote(participantIndex[v.ParticipantId], statementIndex[v.StatementId], v.Choice))]);

        // Fewer voters than the smallest number of groups plus one cannot be grouped; the page says so.
        var settings = new OpinionSettings();
        if (participantIds.Count <= settings.MinGroups || statements.Count < 2)
        {
            return new ConversationMap(conversationId, votes.Count, statements, [], [], [], [], groupIds, participantIds.Count);
        }

        // Participants and statements are numbered by id, so new ones come last and an update changes few rows; when
        // that is not so (a statement rejected), the analysis notices and counts afresh. A small conversation is
        // computed afresh every time: it takes milliseconds, and a chain of warm starts on a dozen voters can settle
        // k-means in another local optimum than a fresh run.
        var previous = matrix.Count >= ContinueFromVotes ? _analyses.GetValueOrDefault(conversationId) : null;
        var map = OpinionAnalysis.Run(matrix, settings, stakeholderOf, previous);
        _analyses[conversationId] = map;
        var points = map.Points.Select(p =>
        {
            var id = participantIds[p.Participant];
            var a = affiliationOf.GetValueOrDefault(id);
            return new MapParticipant(id, p.X, p.Y, p.Group, a?.StakeholderGroupId ?? 0, a?.RegionId ?? 0);
        }).ToList();
        return new ConversationMap(conversationId, votes.Count, statements, points, map.Groups, map.Divisive, map.Bridging, groupIds, participantIds.Count - points.Count);
    }
}
