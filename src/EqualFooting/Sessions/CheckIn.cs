using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Sessions;

/// <summary>How someone attends a session.</summary>
public enum AttendanceMode
{
    /// <summary>In the room.</summary>
    InRoom,

    /// <summary>Remote, from their own device.</summary>
    Remote,

    /// <summary>Remote, through one of the session's remote hubs.</summary>
    Hub,
}

/// <summary>
/// One person's check-in to a session: a participant checking themselves in (in the room, remote, or through a hub),
/// or someone without a device whom a moderator checks in under a name with a stakeholder group and region. It carries
/// the group and region the person attended for at the time, as an intervention does, so later changes of affiliation
/// do not rewrite who was present. One check-in per participant, and per name without a device, per session: unique
/// indexes decide, so a double click or two requests at once store one.
/// </summary>
public sealed class CheckIn
{
    private CheckIn()
    {
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    /// <summary>The participant who checked in; null for someone without a device.</summary>
    public int? ParticipantId { get; private set; }

    /// <summary>The name a moderator gave for someone without a device; personal data, never in the record nor shown in public.</summary>
    public string? Name { get; private set; }

    /// <summary>The name compared the way people read it, so the same person typed twice is checked in once.</summary>
    public string? NameKey { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public AttendanceMode Mode { get; private set; }

    public int? HubId { get; private set; }

    public DateTimeOffset CheckedInAt { get; private set; }

    /// <summary>A participant's own check-in, with the affiliation they hold now.</summary>
    /// <param name="hub">The session's hub they attend through, with <see cref="AttendanceMode.Hub"/>.</param>
    public static Result<CheckIn> Participant(Session session, Affiliation affiliation, AttendanceMode? mode, RemoteHub? hub, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(affiliation);
        if (session.Status == SessionStatus.Ended)
        {
            return Error.Conflict("The session has ended; ask a moderator to add you to its attendance.");
        }

        if (CheckMode(session, mode, hub) is { } bad)
        {
            return bad;
        }

        return new CheckIn
        {
            SessionId = session.Id,
            ParticipantId = affiliation.ParticipantId,
            StakeholderGroupId = affiliation.StakeholderGroupId,
            RegionId = affiliation.RegionId,
            Mode = mode!.Value,
            HubId = mode == AttendanceMode.Hub ? hub!.Id : null,
            CheckedInAt = now,
        };
    }

    /// <summary>
    /// Someone without a device, checked in by a moderator: in the room unless a hub is given. Allowed after the session
    /// has ended too, so a paper sign-in sheet can be entered afterwards.
    /// </summary>
    public static Result<CheckIn> WithoutDevice(Session session, Process process, string? name, int? stakeholderGroupId, int? regionId, RemoteHub? hub, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(process);
        var clean = Text.Required("name", name, Text.ShortMax);
        if (clean.Error is { } badName)
        {
            return badName;
        }

        if (process.StakeholderGroups.FirstOrDefault(g => g.Id == stakeholderGroupId && !g.IsRetired) is not { } group)
        {
            return Error.Invalid("stakeholderGroupId", "Choose one of this process's stakeholder groups.");
        }

        if (process.Regions.FirstOrDefault(r => r.Id == regionId && !r.IsRetired) is not { } region)
        {
            return Error.Invalid("regionId", "Choose one of this process's regions.");
        }

        var collapsed = Names.Collapse(clean.Value);
        return new CheckIn
        {
            SessionId = session.Id,
            Name = collapsed,
            NameKey = Names.Key(collapsed),
            StakeholderGroupId = group.Id,
            RegionId = region.Id,
            Mode = hub is null ? AttendanceMode.InRoom : AttendanceMode.Hub,
            HubId = hub?.Id,
            CheckedInAt = now,
        };
    }

    private static Error? CheckMode(Session session, AttendanceMode? mode, RemoteHub? hub) => mode switch
    {
        null => Error.Invalid("mode", "Say how you attend: InRoom, Remote or Hub."),
        _ when !Enum.IsDefined(mode.Value) => Error.Invalid("mode", "Say how you attend: InRoom, Remote or Hub."),
        AttendanceMode.Remote or AttendanceMode.Hub when !session.RemoteParticipation => Error.Conflict("This session takes no remote participants.", "mode"),
        AttendanceMode.Hub when hub is null => Error.Invalid("hubId", "Choose one of this session's remote hubs."),
        _ => null,
    };
}

/// <summary>
/// Who attended, counted by stakeholder group and region: the presence that floor shares and breakouts use when anyone
/// has checked in.
/// </summary>
public sealed record AttendanceCount(int StakeholderGroupId, int RegionId, AttendanceMode Mode, int People);

internal sealed class CheckInMapping : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.ToTable("CheckIns");
        b.Property(a => a.Name).HasMaxLength(Text.ShortMax);
        b.Property(a => a.NameKey).HasMaxLength(Text.ShortMax);
        b.Property(a => a.Mode).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Session>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Participant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RemoteHub>().WithMany().HasForeignKey(a => a.HubId).OnDelete(DeleteBehavior.SetNull);

        // One check-in per participant and per name without a device: both providers let many NULLs through a unique
        // index, so a participant's row and a named row never collide.
        b.HasIndex(a => new { a.SessionId, a.ParticipantId }).IsUnique();
        b.HasIndex(a => new { a.SessionId, a.NameKey }).IsUnique();
        b.HasIndex(a => a.ParticipantId);
        b.HasIndex(a => a.HubId);
    }
}

/// <summary>Who may check whom in: a participant themselves, a moderator or convener anyone without a device. Reading attendance follows the process.</summary>
public static class AttendancePolicy
{
    public static Error? CheckInSelf(Actor actor, Process process) =>
        SessionPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Conflict("Join the process with your stakeholder group and region before checking in.")
            : null);

    public static Error? CheckInOthers(Actor actor, Process process) => SessionPolicy.Moderate(actor, process);
}
