using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Record;

/// <summary>A signed tree head as the API and the export give it; hashes and the signature in base64.</summary>
/// <param name="TreeSize">How many entries the tree covers: leaves 0 to TreeSize - 1.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch, the value signed.</param>
public sealed record TreeHeadDto(long TreeSize, long Timestamp, DateTimeOffset At, string RootHash, string KeyId, string Signature)
{
    public static TreeHeadDto Of(RecordTreeHead h) =>
        new(h.Size, h.Timestamp, DateTimeOffset.FromUnixTimeMilliseconds(h.Timestamp), Convert.ToBase64String(h.RootHash), Convert.ToBase64String(h.KeyId), Convert.ToBase64String(h.Signature));
}

/// <param name="Entry">The canonical JSON the leaf hashes (as UTF-8, after a 0x00 byte).</param>
/// <param name="AuditPath">RFC 9162's inclusion path, deepest sibling first.</param>
public sealed record InclusionProofDto(long LeafIndex, long TreeSize, string LeafHash, string Entry, IReadOnlyList<string> AuditPath);

/// <param name="Proof">RFC 9162's consistency path from the first size to the second.</param>
public sealed record ConsistencyProofDto(long First, long Second, IReadOnlyList<string> Proof);

/// <summary>
/// Reads the verifiable log: tree heads, and proofs built from the stored complete subtrees with one query each for
/// the leaves and the nodes a proof needs (O(log n) rows, whatever the log's size).
/// </summary>
public sealed class RecordLog(EqualFootingDb db)
{
    public Task<RecordTreeHead?> LatestHeadAsync(CancellationToken ct) =>
        db.RecordTreeHeads.AsNoTracking().OrderByDescending(h => h.Size).FirstOrDefaultAsync(ct);

    public Task<long> SizeAsync(CancellationToken ct) =>
        db.RecordLog.Where(l => l.Id == RecordLogState.TheOne).Select(l => l.Size).FirstAsync(ct);

    /// <summary>The leaf's inclusion in the tree of <paramref name="treeSize"/> leaves (the latest tree head's when null).</summary>
    public async Task<Result<InclusionProofDto>> InclusionAsync(long index, long? treeSize, CancellationToken ct)
    {
        var size = await SignedSizeAsync(treeSize, "treeSize", ct);
        if (size.Error is { } error)
        {
            return error;
        }

        if (index < 0 || index >= size.Value)
        {
            return Error.Invalid("index", $"The index must be between 0 and {size.Value - 1}, inside the tree of {size.Value} entries.");
        }

        var entry = await db.Record.AsNoTracking().Where(r => r.LogIndex == index).Select(r => new { r.Entry, r.LeafHash }).FirstAsync(ct);
        var nodes = await NodesAsync(MerkleLog.InclusionKeys(index, size.Value), ct);
        var path = MerkleLog.Inclusion(index, size.Value, nodes);
        return new InclusionProofDto(index, size.Value, Convert.ToBase64String(entry.LeafHash!), entry.Entry, path.Select(Convert.ToBase64String).ToList());
    }

    public async Task<Result<ConsistencyProofDto>> ConsistencyAsync(long first, long? second, CancellationToken ct)
    {
        var size = await SignedSizeAsync(second, "second", ct);
        if (size.Error is { } error)
        {
            return error;
        }

        if (first < 1 || first > size.Value)
        {
            return Error.Invalid("first", $"The first size must be between 1 and the second ({size.Value}).");
        }

        var nodes = await NodesAsync(MerkleLog.ConsistencyKeys(first, size.Value), ct);
        return new ConsistencyProofDto(first, size.Value, MerkleLog.Consistency(first, size.Value, nodes).Select(Convert.ToBase64String).ToList());
    }

    /// <summary>A size a proof may be asked for: one a signed tree head vouches for (no later than the latest).</summary>
    private async Task<Result<long>> SignedSizeAsync(long? asked, string field, CancellationToken ct)
    {
        var latest = await LatestHeadAsync(ct);
        if (latest is null)
        {
            return Error.Invalid(field, "No tree head has been published yet; ask again within a minute.");
        }

        if (asked is { } size && (size < 1 || size > latest.Size))
        {
            return Error.Invalid(field, $"The tree size must be between 1 and {latest.Size}, the latest tree head's.");
        }

        return asked ?? latest.Size;
    }

    /// <summary>The stored hashes of the complete subtrees named, as the function the proofs take.</summary>
    public async Task<Func<int, long, byte[]>> NodesAsync(IReadOnlySet<(int Level, long Index)> keys, CancellationToken ct)
    {
        var leafIndexes = keys.Where(k => k.Level == 0).Select(k => k.Index).ToList();
        var nodeKeys = keys.Where(k => k.Level > 0).Select(k => RecordLogNode.KeyOf(k.Level, k.Index)).ToList();
        var leaves = leafIndexes.Count == 0 ? [] : await db.Record.AsNoTracking()
            .Where(r => r.LogIndex != null && leafIndexes.Contains(r.LogIndex.Value))
            .Select(r => new { Index = r.LogIndex!.Value, r.LeafHash })
            .ToDictionaryAsync(r => r.Index, r => r.LeafHash!, ct);
        var nodes = nodeKeys.Count == 0 ? [] : await db.RecordLogNodes.AsNoTracking()
            .Where(n => nodeKeys.Contains(n.Key))
            .ToDictionaryAsync(n => n.Key, n => n.Hash, ct);
        return (level, index) => (level == 0 ? leaves.GetValueOrDefault(index) : nodes.GetValueOrDefault(RecordLogNode.KeyOf(level, index)))
            ?? throw new InvalidOperationException($"The log has no stored hash for the subtree at level {level}, index {index}.");
    }
}

/// <summary>What one attempt to publish a tree head did.</summary>
public enum Publication
{
    /// <summary>A new tree head was signed and stored.</summary>
    Published,

    /// <summary>No entry arrived since the latest tree head (or another node published the same size).</summary>
    Unchanged,

    /// <summary>The stored log does not extend the latest tree head: nothing was signed, and an operator must look.</summary>
    Refused,
}

/// <summary>
/// Signs and publishes tree heads: every <c>Record:TreeHeadSeconds</c> (30 by default, so at least every minute)
/// while entries arrive; 0 leaves the timer off on this node (another node publishes, or an operator's job calls it). It never signs a tree that does not extend the latest published head: before signing, the
/// stored nodes must rebuild the log's root and prove it consistent with that head, which is read from the database
/// (so the check holds across restarts and across nodes). Publishing holds the log's lock, so heads follow sizes.
/// </summary>
public sealed class TreeHeadPublisher(IServiceScopeFactory scopes, RecordSigningKey key, TimeProvider clock, IConfiguration configuration, ILogger<TreeHeadPublisher> logger)
    : BackgroundService
{
    public async Task<(Publication Outcome, RecordTreeHead? Head)> PublishAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.RecordLog.Where(l => l.Id == RecordLogState.TheOne).ExecuteUpdateAsync(s => s.SetProperty(l => l.Size, l => l.Size), token);
            var state = await db.RecordLog.AsNoTracking().FirstAsync(l => l.Id == RecordLogState.TheOne, token);
            var log = new RecordLog(db);
            var latest = await log.LatestHeadAsync(token);
            if (state.Size == 0 || state.Size == latest?.Size)
            {
                return (Publication.Unchanged, latest);
            }

            var frontier = state.FrontierHashes();
            var refusal = await CheckAsync(log, state.Size, frontier, latest, token);
            if (refusal is not null)
            {
                logger.LogCritical("No tree head published for size {Size}: {Reason}", state.Size, refusal);
                return (Publication.Refused, latest);
            }

            var root = MerkleLog.RootOfFrontier(frontier);
            var timestamp = Math.Max(clock.GetUtcNow().ToUnixTimeMilliseconds(), (latest?.Timestamp ?? 0) + 1);
            var head = new RecordTreeHead(state.Size, root, timestamp, key.KeyId, key.Sign(timestamp, state.Size, root));
            db.RecordTreeHeads.Add(head);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return (Publication.Published, head);
        }, ct);
    }

    /// <summary>Why the stored log cannot be signed, or null when it extends the latest head.</summary>
    private static async Task<string?> CheckAsync(RecordLog log, long size, List<byte[]> frontier, RecordTreeHead? latest, CancellationToken ct)
    {
        if (latest is not null && size < latest.Size)
        {
            return $"the log has {size} entries, fewer than the {latest.Size} of the latest tree head.";
        }

        var frontierKeys = MerkleLog.FrontierKeys(size).ToList();
        if (frontier.Count != frontierKeys.Count)
        {
            return "the log's frontier does not match its size.";
        }

        var root = MerkleLog.RootOfFrontier(frontier);
        var stored = await log.NodesAsync(frontierKeys.ToHashSet(), ct);
        if (!MerkleLog.Subtree(0, size, stored).AsSpan().SequenceEqual(root))
        {
            return "the stored subtrees do not rebuild the log's root.";
        }

        if (latest is null)
        {
            return null;
        }

        var proof = MerkleLog.Consistency(latest.Size, size, await log.NodesAsync(MerkleLog.ConsistencyKeys(latest.Size, size), ct));
        return MerkleLog.VerifyConsistency(latest.Size, size, latest.RootHash, root, proof)
            ? null
            : $"the log is not consistent with the latest tree head (size {latest.Size}): its history was changed.";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Record:TreeHeadSeconds", 30);
        if (seconds == 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unreachable database; the next round tries again.
                logger.LogError(e, "Publishing a tree head failed");
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
