using EqualFooting.Common;
using EqualFooting.Processes;

namespace EqualFooting.Participation;

/// <summary>
/// An account taking part in a process. Participation is open: anyone with an account joins by declaring an
/// affiliation. The affiliation can change; every declaration is kept, so a record made at any moment can say
/// which group and region its author spoke for then.
/// </summary>
public sealed class Participant
{
    private readonly List<Affiliation> _affiliations = [];

    private Participant(int processId, string accountId, DateTimeOffset joinedAt)
    {
        ProcessId = processId;
        AccountId = accountId;
        JoinedAt = joinedAt;
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string AccountId { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>Goes up with every change of affiliation; a change claims it, so two at once cannot both close the same declaration.</summary>
    public long Version { get; private set; }

    /// <summary>Every declaration, oldest first; the last one is open-ended.</summary>
    public IReadOnlyList<Affiliation> Affiliations => _affiliations;

    public Affiliation Current => _affiliations.Single(a => a.Until is null);

    public static Result<Participant> Join(Process process, string accountId, AffiliationChoice choice, DateTimeOffset now)
    {
        if (!process.AcceptsParticipants)
        {
            return Error.Conflict(process.Status == ProcessStatus.Closed
                ? "This process is closed and no longer accepts participants."
                : "This process is not open yet.");
        }

        var affiliation = Affiliation.Validate(process, choice);
        if (affiliation.Error is { } error)
        {
            return error;
        }

        var participant = new Participant(process.Id, accountId, now);
        participant._affiliations.Add(affiliation.Value.Open(process.Id, now));
        return participant;
    }

    /// <summary>
    /// Declares a new affiliation from now on. Declaring the same one again changes nothing and returns null,
    /// so a resubmitted form does not write history that did not happen.
    /// </summary>
    public Result<Affiliation?> ChangeAffiliation(Process process, AffiliationChoice choice, DateTimeOffset now)
    {
        if (process.Status == ProcessStatus.Closed)
        {
            return Error.Conflict("This process is closed; affiliations can no longer change.");
        }

        var validated = Affiliation.Validate(process, choice, Current);
        if (validated.Error is { } error)
        {
            return error;
        }

        var current = Current;
        if (validated.Value.SameAs(current))
        {
            return (Affiliation?)null;
        }

        // A change in the same instant as the last one would leave an empty interval; keep order strict.
        var from = now > current.From ? now : current.From.AddTicks(1);
        current.Until = from;
        var next = validated.Value.Open(ProcessId, from);
        _affiliations.Add(next);
        return next;
    }
}

/// <summary>What a participant declares: group and region required, the rest optional and self-declared.</summary>
public sealed record AffiliationChoice(
    int StakeholderGroupId,
    int RegionId,
    string? Country = null,
    string? Gender = null,
    string? Organisation = null);
