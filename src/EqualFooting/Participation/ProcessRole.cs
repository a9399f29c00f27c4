namespace EqualFooting.Participation;

/// <summary>The roles a convener hands out in a process. Joining with an affiliation is what makes a participant.</summary>
public enum ProcessRole
{
    Convener,
    CommitteeMember,
    Moderator,
    Rapporteur,
    Observer,
}

/// <summary>One role held by one account in one process.</summary>
public sealed class RoleAssignment
{
    public RoleAssignment(int processId, string accountId, ProcessRole role, DateTimeOffset assignedAt)
    {
        ProcessId = processId;
        AccountId = accountId;
        Role = role;
        AssignedAt = assignedAt;
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string AccountId { get; private set; }

    public ProcessRole Role { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }
}
