using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>A name, or a spelling of one, that stands for a participant.</summary>
public sealed record SpeakerName(string Name, int ParticipantId);

public sealed record MatchedSpeaker(string Name, int ParticipantId);

/// <summary>The transcript's named speakers split into those the table knows and those it does not, in transcript order.</summary>
public sealed record NameMatch(IReadOnlyList<MatchedSpeaker> Known, IReadOnlyList<string> Unknown);

/// <summary>
/// Maps the names in a transcript to participants. Names compare without regard to case, spacing or accents, since
/// captioners write capitals and drop diacritics. A participant may have several spellings (the seed from 2013 has
/// both "NNENNA NDAKANMA" and "NNENNA NWAKANMA" for one person), but one spelling never stands for two participants.
/// </summary>
public sealed class SpeakerNameTable
{
    private readonly Dictionary<string, int> _byKey;

    private SpeakerNameTable(Dictionary<string, int> byKey)
    {
        _byKey = byKey;
    }

    public int Count => _byKey.Count;

    public static Result<SpeakerNameTable> Create(IEnumerable<SpeakerName> names)
    {
        var byKey = new Dictionary<string, int>();
        foreach (var entry in names)
        {
            var clean = Text.Required("name", entry.Name, Text.NameMax);
            if (clean.Error is { } error)
            {
                return error;
            }

            var key = Names.Key(clean.Value);
            if (byKey.TryGetValue(key, out var existing) && existing != entry.ParticipantId)
            {
                return Error.Conflict($"\"{clean.Value}\" already stands for participant {existing}.", "name");
            }

            byKey[key] = entry.ParticipantId;
        }

        return new SpeakerNameTable(byKey);
    }

    public int? Find(string? name) =>
        name is not null && _byKey.TryGetValue(Names.Key(name), out var id) ? id : null;

    public NameMatch Match(Transcript transcript)
    {
        var known = new List<MatchedSpeaker>();
        var unknown = new List<string>();
        foreach (var speaker in transcript.Speakers)
        {
            if (Find(speaker.Name) is { } id)
            {
                known.Add(new MatchedSpeaker(speaker.Name, id));
            }
            else
            {
                unknown.Add(speaker.Name);
            }
        }

        return new NameMatch(known, unknown);
    }
}
