using EqualFooting.Participation;

namespace EqualFooting.Processes;

/// <summary>Who is acting in a process: the account (null when anonymous), instance-wide rights, and roles held there.</summary>
public sealed record Actor(string? AccountId, bool IsAdministrator, IReadOnlySet<ProcessRole> Roles, bool IsParticipant)
{
    public static readonly Actor Anonymous = new(null, false, new HashSet<ProcessRole>(), false);

    public bool IsSignedIn => AccountId is not null;

    public bool Holds(ProcessRole role) => Roles.Contains(role);
}
