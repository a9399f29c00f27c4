using EqualFooting.Common;

namespace EqualFooting.Sessions;

public enum SpeakerKind
{
    /// <summary>A registered participant raising a hand from their own device, in the room or remote.</summary>
    Participant,

    /// <summary>Someone in the room without a device, put in the queue by the moderator under a name.</summary>
    InRoom,

    /// <summary>A remote hub: a room of people joining together, holding one place in the queue like a participant.</summary>
    RemoteHub,
}

/// <summary>
/// Who holds a place in a speaking queue. Participants and hubs are known by id; an in-room person has no account,
/// so the moderator's label is the identity, compared the way people read it (case and spacing ignored) so that
/// typing the same person twice does not queue them twice.
/// </summary>
public sealed class Speaker : IEquatable<Speaker>
{
    private Speaker(SpeakerKind kind, int? id, string? name)
    {
        Kind = kind;
        Id = id;
        Name = name;
    }

    public SpeakerKind Kind { get; }

    /// <summary>The participant id or the hub id; null for an in-room person.</summary>
    public int? Id { get; }

    /// <summary>The label shown in the queue; required for an in-room person, optional for a hub.</summary>
    public string? Name { get; }

    /// <summary>Remote hubs are remote by definition and in-room people by definition are not; participants say.</summary>
    public bool? FixedRemote => Kind switch
    {
        SpeakerKind.RemoteHub => true,
        SpeakerKind.InRoom => false,
        _ => null,
    };

    public static Speaker Participant(int participantId) => new(SpeakerKind.Participant, participantId, null);

    public static Speaker Hub(int hubId, string? name = null) => new(SpeakerKind.RemoteHub, hubId, string.IsNullOrWhiteSpace(name) ? null : name.Trim());

    public static Result<Speaker> InRoom(string? name)
    {
        var clean = Text.Required("name", name, Text.ShortMax);
        return clean.IsSuccess ? new Speaker(SpeakerKind.InRoom, null, Names.Collapse(clean.Value)) : clean.Error!;
    }

    public bool Equals(Speaker? other) =>
        other is not null
        && Kind == other.Kind
        && (Kind == SpeakerKind.InRoom ? Names.Key(Name!) == Names.Key(other.Name!) : Id == other.Id);

    public override bool Equals(object? obj) => Equals(obj as Speaker);

    public override int GetHashCode() =>
        Kind == SpeakerKind.InRoom ? HashCode.Combine(Kind, Names.Key(Name!)) : HashCode.Combine(Kind, Id);

    public override string ToString() => Kind switch
    {
        SpeakerKind.Participant => $"participant {Id}",
        SpeakerKind.RemoteHub => Name is null ? $"hub {Id}" : $"hub {Id} ({Name})",
        _ => $"in room: {Name}",
    };

    public static bool operator ==(Speaker? a, Speaker? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Speaker? a, Speaker? b) => !(a == b);
}
