using EqualFooting.Common;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Sessions;

/// <summary>What a moderator fills in to register a remote hub.</summary>
/// <param name="StakeholderGroupId">The group its speakers are counted under unless the operator says otherwise when raising the hand.</param>
/// <param name="StakeholderMix">Who is in the hub, as the hub describes itself ("8 civil society, 3 academia"); for the record, not counted.</param>
public sealed record RemoteHubDetails(string? Name, string? Location, int? RegionId, int? StakeholderGroupId, string? StakeholderMix = null);

/// <summary>
/// A room of people joining a session together from elsewhere (the IGF's remote hubs). It holds one place in the
/// queue like a participant, always as a remote hand, so round-robin's remote slots go to hubs too. Its operator, an
/// account the moderator names, raises and lowers the hub's hand; the moderator can do it on the hub's behalf.
/// </summary>
public sealed class RemoteHub
{
    public const int MaxPerSession = 200;

    private RemoteHub()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public string Name { get; private set; }

    public string? Location { get; private set; }

    public int RegionId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public string? StakeholderMix { get; private set; }

    /// <summary>The account that raises the hub's hand; null when only the moderator does.</summary>
    public string? OperatorAccountId { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Result<RemoteHub> Register(Session session, Process process, RemoteHubDetails details, string? operatorAccountId, DateTimeOffset now)
    {
        if (session.Status == SessionStatus.Ended)
        {
            return Error.Conflict("The session has ended.");
        }

        if (!session.RemoteParticipation)
        {
            return Error.Conflict("This session takes no remote hands, so it has no remote hubs.");
        }

        var name = Text.Required("name", details.Name, Text.ShortMax);
        if (name.Error is { } badName)
        {
            return badName;
        }

        var location = Text.Optional("location", details.Location, Text.ShortMax);
        if (location.Error is { } badLocation)
        {
            return badLocation;
        }

        if (process.Regions.FirstOrDefault(r => r.Id == details.RegionId && !r.IsRetired) is not { } region)
        {
            return Error.Invalid("regionId", "Choose one of this process's regions.");
        }

        if (process.StakeholderGroups.FirstOrDefault(g => g.Id == details.StakeholderGroupId && !g.IsRetired) is not { } group)
        {
            return Error.Invalid("stakeholderGroupId", "Choose one of this process's stakeholder groups.");
        }

        var mix = Text.Optional("stakeholderMix", details.StakeholderMix, Text.NameMax);
        if (mix.Error is { } badMix)
        {
            return badMix;
        }

        return new RemoteHub
        {
            SessionId = session.Id,
            Name = Names.Collapse(name.Value),
            Location = location.Value,
            RegionId = region.Id,
            StakeholderGroupId = group.Id,
            StakeholderMix = mix.Value,
            OperatorAccountId = operatorAccountId,
            RegisteredAt = now,
        };
    }

    public Speaker Speaker => Speaker.Hub(Id, Name);

    public bool IsOperatedBy(string? accountId) => accountId is not null && accountId == OperatorAccountId;
}

internal sealed class RemoteHubMapping : IEntityTypeConfiguration<RemoteHub>
{
    public void Configure(EntityTypeBuilder<RemoteHub> b)
    {
        b.Property(h => h.Name).HasMaxLength(Text.ShortMax);
        b.Property(h => h.Location).HasMaxLength(Text.ShortMax);
        b.Property(h => h.StakeholderMix).HasMaxLength(Text.NameMax);
        b.Property(h => h.OperatorAccountId).HasMaxLength(450);
        b.HasOne<Session>().WithMany().HasForeignKey(h => h.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => h.SessionId);
        b.HasIndex(h => h.OperatorAccountId);
    }
}
