namespace EqualFooting.Privacy;

/// <summary>How a participant's name reads to others.</summary>
public enum FaceKind
{
    /// <summary>The account's display name, or the pseudonym they chose.</summary>
    Named,

    /// <summary>A pseudonymous participant who has not chosen a pseudonym: "Participant N".</summary>
    Numbered,

    /// <summary>No name at all: only stakeholder group and region.</summary>
    Unnamed,

    /// <summary>The account was erased: "a former participant".</summary>
    Erased,
}

/// <summary>A participant's own privacy choice: stricter than the process's settings, never looser.</summary>
public sealed record PersonalPrivacy(NameDisclosure? Names, string? Pseudonym, bool HideCountry, bool HideOrganisation)
{
    public static readonly PersonalPrivacy AsProcess = new(null, null, false, false);
}

/// <summary>What others see of one participant: the outcome of the process's settings and the participant's own choice.</summary>
/// <param name="Name">The name to show when <see cref="Kind"/> is <see cref="FaceKind.Named"/>.</param>
/// <param name="Number">The participant's number, shown as "Participant N" when <see cref="Kind"/> is <see cref="FaceKind.Numbered"/>.</param>
public sealed record PublicFace(FaceKind Kind, string? Name, int Number, string? Country, string? Organisation)
{
    /// <summary>The stricter of the two settings, field by field; erasure wins over everything.</summary>
    public static PublicFace Of(
        PrivacySettings process,
        PersonalPrivacy own,
        int participantId,
        string displayName,
        bool erased,
        string? country,
        string? organisation)
    {
        if (erased)
        {
            return new PublicFace(FaceKind.Erased, null, participantId, null, null);
        }

        var names = Stricter(process.Names, own.Names ?? NameDisclosure.Name);
        var (kind, name) = names switch
        {
            NameDisclosure.Name => (FaceKind.Named, displayName),
            NameDisclosure.Pseudonym when !string.IsNullOrWhiteSpace(own.Pseudonym) => (FaceKind.Named, own.Pseudonym),
            NameDisclosure.Pseudonym => (FaceKind.Numbered, (string?)null),
            _ => (FaceKind.Unnamed, null),
        };
        return new PublicFace(
            kind,
            name,
            participantId,
            process.CountryPublic && !own.HideCountry ? country : null,
            process.OrganisationPublic && !own.HideOrganisation ? organisation : null);
    }

    /// <summary>The effective name setting of a participant.</summary>
    public static NameDisclosure Stricter(NameDisclosure a, NameDisclosure b) => a > b ? a : b;

    /// <summary>A name typed by a convener for someone without an account (a comment sent by e-mail): shown only when names are public.</summary>
    public static PublicFace Entered(PrivacySettings process, string name, int number, string? country) =>
        process.Names == NameDisclosure.Name
            ? new PublicFace(FaceKind.Named, name, number, process.CountryPublic ? country : null, null)
            : new PublicFace(FaceKind.Unnamed, null, number, null, null);
}
