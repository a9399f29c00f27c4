using EqualFooting.Participation;

namespace EqualFooting.Record;

/// <summary>
/// One line of the append-only record: who did what, in which process, when, and which affiliation they acted
/// under. <see cref="Entry"/> is the canonical JSON that a later Merkle log will hash; the other columns copy
/// parts of it for querying. Rows are never updated or deleted: the DbContext refuses it and so do database triggers.
/// </summary>
public sealed class RecordEntry
{
    /// <summary>
    /// Bumped whenever the shape of <see cref="Entry"/> changes; old rows keep their version. Format 2 no longer
    /// names the actor: readers resolve the account's name when they show the entry.
    /// </summary>
    public const int CurrentFormat = 2;

    private RecordEntry()
    {
        Action = "";
        Entry = "";
    }

    /// <summary>Position in the whole log, assigned by the database at insert (not necessarily in commit order).</summary>
    public long Id { get; private set; }

    /// <summary>
    /// Position in its process's record, 1, 2, 3…: taken under the process row's lock in the entry's own transaction,
    /// so it follows commit order with no gaps. Null for entries outside any process (accounts).
    /// </summary>
    public long? Sequence { get; private set; }

    public int Format { get; private set; }

    public string Action { get; private set; }

    public int? ProcessId { get; private set; }

    public string? ActorAccountId { get; private set; }

    public long? ActorAffiliationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Entry { get; private set; }

    /// <summary>
    /// The entry's leaf in the verifiable log (0, 1, 2… across all processes), taken under the log's lock in the
    /// entry's own transaction, so leaves follow commit order. Null only for entries written before the log existed.
    /// </summary>
    public long? LogIndex { get; private set; }

    /// <summary>SHA-256(0x00 || UTF-8 of <see cref="Entry"/>): the leaf hash of RFC 9162, kept so proofs read it instead of rehashing.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "A hash column mapped by EF Core.")]
    public byte[]? LeafHash { get; private set; }

    /// <summary>The bytes the log hashes: the canonical JSON as UTF-8.</summary>
    public byte[] LeafBytes() => System.Text.Encoding.UTF8.GetBytes(Entry);

    /// <summary>Takes the entry's leaf in the verifiable log; see <see cref="LogIndex"/>.</summary>
    public void Log(long index)
    {
        if (LogIndex is not null || index < 0)
        {
            throw new InvalidOperationException("An entry takes one leaf in the log, once.");
        }

        LogIndex = index;
        LeafHash = MerkleLog.LeafHash(LeafBytes());
    }

    /// <param name="action">The feature's declaration of this kind of entry.</param>
    /// <param name="actor">The affiliation the actor held in this process at the time, when they had one.</param>
    /// <param name="data">What changed, restricted to values <see cref="CanonicalJson"/> accepts.</param>
    public static RecordEntry Create<TPayload>(
        RecordAction<TPayload> action,
        int? processId,
        RecordActor? actor,
        DateTimeOffset at,
        TPayload data)
        where TPayload : notnull =>
        Create(action.Name, processId, actor, at, data);

    /// <summary>Takes the next position in the process's record; see <see cref="Sequence"/>.</summary>
    public void Place(long sequence)
    {
        if (ProcessId is null || Sequence is not null || sequence < 1)
        {
            throw new InvalidOperationException("Only an entry of a process that has no place yet takes a place in its record.");
        }

        Sequence = sequence;
    }

    private static RecordEntry Create(
        string action,
        int? processId,
        RecordActor? actor,
        DateTimeOffset at,
        object data)
    {
        var entry = new Dictionary<string, object?>
        {
            ["v"] = CurrentFormat,
            ["action"] = action,
            ["at"] = at,
            ["process"] = processId,
            ["actor"] = actor is null ? null : new Dictionary<string, object?>
            {
                ["account"] = actor.AccountId,
                ["affiliation"] = actor.Affiliation is not { } a ? null : new Dictionary<string, object?>
                {
                    ["id"] = a.Id,
                    ["stakeholderGroupId"] = a.StakeholderGroupId,
                    ["stakeholderGroup"] = actor.StakeholderGroupName,
                    ["regionId"] = a.RegionId,
                    ["region"] = actor.RegionName,
                },
            },
            ["data"] = data,
        };

        return new RecordEntry
        {
            Format = CurrentFormat,
            Action = action,
            ProcessId = processId,
            ActorAccountId = actor?.AccountId,
            ActorAffiliationId = actor?.Affiliation?.Id,
            At = at,
            Entry = CanonicalJson.Write(entry),
        };
    }
}

/// <summary>
/// The actor as the record names them: the account, and the affiliation current at the time with its group's and
/// region's names (public by nature). Never their name: that is resolved when the entry is read.
/// </summary>
public sealed record RecordActor(
    string AccountId,
    Affiliation? Affiliation,
    string? StakeholderGroupName,
    string? RegionName);
