using EqualFooting.Common;
using EqualFooting.Privacy;
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

    /// <summary>The name this participant goes by in this process when names are pseudonymous. Personal data: erased with the account.</summary>
    public string? Pseudonym { get; private set; }

    /// <summary>The participant's own name setting, applied when stricter than the process's.</summary>
    public NameDisclosure? OwnNames { get; private set; }

    public bool HidesCountry { get; private set; }

    public bool HidesOrganisation { get; private set; }

    public PersonalPrivacy Privacy => new(OwnNames, Pseudonym, HidesCountry, HidesOrganisation);

    public const int PseudonymMax = 100;

    /// <summary>Sets what the participant shows of themselves; returns false when nothing changed.</summary>
    public Result<bool> ChoosePrivacy(PersonalPrivacy choice)
    {
        if (choice.Names is { } names && !Enum.IsDefined(names))
        {
            return Error.Invalid("names", "Choose name, pseudonym or nothing.");
        }

        var pseudonym = Text.Optional("pseudonym", choice.Pseudonym, PseudonymMax);
        if (pseudonym.Error is { } invalid)
        {
            return invalid;
        }

        var next = choice with { Pseudonym = pseudonym.Value };
        if (next == Privacy)
        {
            return false;
        }

        OwnNames = next.Names;
        Pseudonym = next.Pseudonym;
        HidesCountry = next.HideCountry;
        HidesOrganisation = next.HideOrganisation;
        return true;
    }

    /// <summary>
    /// Erasure: the pseudonym and every declaration's country, gender and organisation go; stakeholder group and region
    /// stay, so what the participant said still counts where it was said.
    /// </summary>
    public void ErasePersonalData()
    {
        Pseudonym = null;
        foreach (var affiliation in _affiliations)
        {
            affiliation.Erase();
        }
    }

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
