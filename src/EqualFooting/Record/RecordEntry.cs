using EqualFooting.Participation;

namespace EqualFooting.Record;

/// <summary>
/// One line of the append-only record: who did what, in which process, when, and which affiliation they acted
/// under. <see cref="Entry"/> is the canonical JSON that a later Merkle log will hash; the other columns copy
/// parts of it for querying. Rows are never updated or deleted: the DbContext refuses it and so do database triggers.
/// </summary>
public sealed class RecordEntry
{
    /// <summary>Bumped whenever the shape of <see cref="Entry"/> changes; old rows keep their version.</summary>
    public const int CurrentFormat = 1;

    private RecordEntry()
    {
        Action = "";
        Entry = "";
    }

    /// <summary>Position in the log, assigned by the database in commit order of inserts.</summary>
    public long Id { get; private set; }

    public int Format { get; private set; }

    public string Action { get; private set; }

    public int? ProcessId { get; private set; }

    public string? ActorAccountId { get; private set; }

    public long? ActorAffiliationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Entry { get; private set; }

    /// <param name="action">Dotted, past tense: <c>process.created</c>, <c>participant.joined</c>.</param>
    /// <param name="actor">The affiliation the actor held in this process at the time, when they had one.</param>
    /// <param name="data">What changed, restricted to values <see cref="CanonicalJson"/> accepts.</param>
    public static RecordEntry Create(
        string action,
        int? processId,
        RecordActor? actor,
        DateTimeOffset at,
        IReadOnlyDictionary<string, object?> data)
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
                ["name"] = actor.DisplayName,
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

/// <summary>The actor as the record names them: account, display name, and the affiliation current at the time.</summary>
public sealed record RecordActor(
    string AccountId,
    string DisplayName,
    Affiliation? Affiliation,
    string? StakeholderGroupName,
    string? RegionName);
