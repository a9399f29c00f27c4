using EqualFooting.Accounts;
using EqualFooting.Consultations;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Demo;

/// <summary>
/// The demo process's open consultation: a short draft of recommendations written for the demo (not taken from the
/// seed transcript), comments from the fictional participants across groups and regions, some dispositions, a second
/// version that answers them, and a small form-letter campaign. Times are relative to the first start, so the
/// consultation is open whenever the demo is new.
/// </summary>
internal static class DemoConsultation
{
    public const string Title = "Draft recommendations: multistakeholder participation at the local level";

    private const string Version1 = """
        # Draft recommendations of Thematic Group 1

        Multistakeholder participation starts at home. National and local Internet governance forums are where most people first meet the model, and where the habit of deciding together is either built or lost.

        Governments should consult business, civil society, the technical community and academia before they draft Internet policy, not after the text is settled.

        Every national forum should publish who took part in each meeting, by stakeholder group and region, so that missing voices are visible.

        Remote participation should be offered at every meeting.

        Country-code registries and regional Internet registries should invite their local communities to comment on policy changes and explain how the comments were used.

        The At-Large community should help local groups share practical experience, such as agendas, invitation lists and reports, across regions.

        Progress on these recommendations should be reviewed at the next ATLAS summit.
        """;

    private const string Version2 = """
        # Draft recommendations of Thematic Group 1

        Multistakeholder participation starts at home. National and local Internet governance forums are where most people first meet the model, and where the habit of deciding together is either built or lost.

        Governments should consult business, civil society, the technical community and academia before they draft Internet policy, not after the text is settled, and should say in writing which inputs changed the draft.

        Every national forum should publish who took part in each meeting, by stakeholder group and region, so that missing voices are visible.

        Remote participation, with real-time captioning, should be offered at every meeting on an equal footing with participation in the room.

        Country-code registries and regional Internet registries should invite their local communities to comment on policy changes and explain how the comments were used.

        Forums should make a particular effort to bring in small businesses and local entrepreneurs, who are rarely present today.

        The At-Large community should help local groups share practical experience, such as agendas, invitation lists and reports, across regions.

        Progress on these recommendations should be reviewed at the next ATLAS summit, against the participation figures published by each forum.
        """;

    /// <summary>(person index in <see cref="DemoData"/>'s list, paragraph number in version 1 or 0 for the whole draft, text, disposition, reason).</summary>
    private static readonly (int Person, int Paragraph, string Text, Disposition? Disposition, string? Reason)[] Comments =
    [
        (0, 3, "Consulting before drafting is the heart of it. Please add that governments should report back on what they did with the inputs.", Disposition.Accepted, "Added: governments should say in writing which inputs changed the draft."),
        (21, 3, "From the experience of CGI.br, a public report on the contributions received is what gives a consultation its legitimacy.", Disposition.Accepted, "Added to paragraph 3 in version 2."),
        (10, 3, "Regulators are often bound by national procedure on consultation. The text should recognise existing legal frameworks.", Disposition.Noted, "The recommendation does not replace national procedure; it asks for consultation before drafting."),
        (3, 3, "Could the group give an example of a consultation that was done well, so that ministries have a model?", Disposition.OutOfScope, "Examples belong in the companion report, not in the recommendations."),
        (13, 3, "Business is rarely asked. Add that consultations should be announced widely enough to reach industry associations.", Disposition.PartlyAccepted, "The new paragraph on small businesses addresses outreach to business."),
        (6, 4, "Publishing participation by group and region is exactly the indicator we need. Gender should be included too.", Disposition.NotAccepted, "Gender is optional and self-declared; publishing it per meeting could identify people in small forums."),
        (19, 4, "Yes. Our national forum started doing this last year and the gaps were obvious at once.", null, null),
        (11, 4, "Who would collect the data? Small forums have no secretariat.", null, null),
        (24, 4, "Agreed, with a short template so every forum publishes the same figures.", Disposition.Accepted, "Kept as drafted; a template will follow in the report."),
        (1, 5, "Remote participation must come with captioning, otherwise it excludes people with poor connections and the hard of hearing.", Disposition.Accepted, "Captioning added to paragraph 5."),
        (8, 5, "In the Pacific, remote participation is the only participation. It should be treated as equal, not as a courtesy.", Disposition.Accepted, "Added: on an equal footing with participation in the room."),
        (26, 5, "Remote hubs have worked well in our region; mention them as an option.", Disposition.Noted, "Hubs are one way of offering remote participation; the paragraph does not prescribe the means."),
        (16, 5, "Interpretation matters as much as captioning for multilingual forums.", null, null),
        (5, 6, "Registries already consult widely. Perhaps the recommendation should focus on explaining outcomes rather than on inviting comment.", Disposition.PartlyAccepted, "Both parts are kept; explaining how comments were used is already in the paragraph."),
        (9, 6, "Please name the ccTLD managers explicitly, many local communities do not know who runs their domain.", Disposition.NotAccepted, "Names differ by country; the general wording covers them."),
        (25, 6, "ARIN's policy process is open to anyone. The recommendation matches current practice.", null, null),
        (14, 7, "Academia can help document these experiences. Universities could host the shared material.", Disposition.Noted, "Welcome; hosting is for the At-Large community to arrange."),
        (17, 7, "Sharing invitation lists across regions raises privacy questions. Share templates, not lists.", Disposition.PartlyAccepted, "Kept the wording; the report will say that lists are shared only with consent."),
        (4, 7, "A shared library of agendas would help new forums in Africa start faster.", null, null),
        (22, 8, "Reviewing at the next summit is too late. Ask for a yearly report.", Disposition.NotAccepted, "The group prefers one review against published figures; forums may report more often."),
        (12, 8, "How will progress be measured? Tie the review to the participation figures of paragraph 4.", Disposition.Accepted, "Added to paragraph 8 in version 2."),
        (27, 8, "Agree with measuring progress. A baseline is needed now.", null, null),
        (2, 2, "The opening is good. It could say more about youth, who are the next generation of participants.", null, null),
        (15, 2, "Local forums are also where people learn the vocabulary of Internet governance. Worth saying.", Disposition.Noted, "A fair point, kept for the report."),
        (7, 0, "The recommendations are sensible. They would be stronger with a timeline.", Disposition.Noted, "A timeline depends on each forum."),
        (23, 0, "Please publish the dispositions of these comments with the next version, as NETmundial did.", Disposition.Accepted, "Every comment has a disposition and a reason on this page."),
        (18, 0, "Small businesses are missing from the draft entirely. Forums should reach out to them.", Disposition.Accepted, "New paragraph 6 in version 2."),
        (20, 0, "I support the draft as a whole.", null, null),
    ];

    // A form letter: nearly the same text from several civil-society participants, for campaign detection to group.
    private const string FormLetter =
        "We, the undersigned members of civil society, ask the drafting group to guarantee that remote participants " +
        "can speak, comment and be counted on an equal footing with those present in the room. This means real-time " +
        "captioning, a remote queue that the chair calls in turn with the room, published participation figures that " +
        "include remote participants, and enough time for people in every time zone to comment before the deadline. " +
        "Without these, the most affected communities are left out of the decisions that concern them.";

    private static readonly (int Person, string Signature)[] Campaign =
    [
        (12, "Claire, France"),
        (15, "Oliver, United Kingdom"),
        (20, "Valentina, Argentina"),
        (22, "Sofía, Colombia"),
        (0, "Amara, Nigeria"),
    ];

    /// <summary>Adds the consultation to the demo process unless it already has one; returns its id when added.</summary>
    public static async Task<int?> LoadAsync(EqualFootingDb db, Process process, Account convener, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Consultations.AnyAsync(c => c.ProcessId == process.Id, ct))
        {
            return null;
        }

        var participants = await db.Participants.Include(p => p.Affiliations)
            .Where(p => p.ProcessId == process.Id)
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var names = await db.Participants.Where(p => p.ProcessId == process.Id)
            .Join(db.Users, p => p.AccountId, u => u.Id, (p, u) => new { p.Id, u.DisplayName })
            .ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var secretariat = new RecordActor(convener.Id, null, null, null);

        // One transaction for the whole consultation: some fifty changes, each with its record entry as the use cases
        // would write it, but one commit (one flush to disk) instead of fifty, so a first start stays quick.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var opened = now.AddDays(-6);
        var consultation = Consultation.Create(process.Id, Title, opened, now.AddDays(21), opened).Value;
        var first = consultation.Publish(Version1, null, opened).Value;
        db.Consultations.Add(consultation);
        db.DraftVersions.Add(first);
        await RecordAsync(db, () => RecordEntry.Create(EqualFooting.Web.Consultations.ConsultationRecord.ConsultationCreated, process.Id, secretariat, opened, new Dictionary<string, object?>
        {
            ["consultation"] = consultation.Id,
            ["title"] = consultation.Title,
            ["opensAt"] = consultation.OpensAt,
            ["closesAt"] = consultation.ClosesAt,
            ["version"] = 1,
            ["paragraphs"] = first.Paragraphs.Count,
            ["demo"] = true,
        }), ct);

        var paragraphIds = first.Paragraphs.ToDictionary(p => p.Number, p => p.Id);
        var at = opened.AddHours(2);
        var disposed = new List<(Comment Comment, Disposition Disposition, string Reason)>();
        foreach (var (person, paragraph, text, disposition, reason) in Comments)
        {
            var comment = await SubmitAsync(db, process, participants[person], names, consultation.Id, paragraph == 0 ? null : paragraphIds[paragraph], text, at, ct);
            if (disposition is { } d)
            {
                disposed.Add((comment, d, reason!));
            }

            at = at.AddMinutes(97);
        }

        foreach (var (person, signature) in Campaign)
        {
            await SubmitAsync(db, process, participants[person], names, consultation.Id, paragraphIds[5], FormLetter + "\n\n" + signature, at, ct);
            at = at.AddMinutes(11);
        }

        var decided = now.AddDays(-1);
        foreach (var (comment, disposition, reason) in disposed)
        {
            comment.RecordDisposition(disposition, reason, convener.Id, decided);
            db.Entry(comment).Property<Disposition?>(CommentColumns.CurrentDisposition).CurrentValue = disposition;
            await RecordAsync(db, () => RecordEntry.Create(EqualFooting.Web.Consultations.ConsultationRecord.CommentDisposed, process.Id, secretariat, decided, new Dictionary<string, object?>
            {
                ["consultation"] = consultation.Id,
                ["comment"] = comment.Id,
                ["disposition"] = disposition,
                ["reason"] = reason,
                ["revises"] = false,
                ["demo"] = true,
            }), ct);
            decided = decided.AddMinutes(3);
        }

        var published = now.AddHours(-3);
        var second = consultation.Publish(Version2, first, published).Value;
        db.DraftVersions.Add(second);
        await RecordAsync(db, () => RecordEntry.Create(EqualFooting.Web.Consultations.ConsultationRecord.ConsultationVersionPublished, process.Id, secretariat, published, new Dictionary<string, object?>
        {
            ["consultation"] = consultation.Id,
            ["version"] = second.Number,
            ["paragraphs"] = second.Paragraphs.Count,
            ["demo"] = true,
        }), ct);
        await transaction.CommitAsync(ct);
        return consultation.Id;
    }

    /// <summary>The write path's save, place and record, inside the caller's transaction.</summary>
    internal static async Task RecordAsync(EqualFootingDb db, Func<RecordEntry> entry, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var made = entry();
        await RecordPlaces.PlaceAsync(db, [made], ct);
        db.Record.Add(made);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Comment> SubmitAsync(
        EqualFootingDb db,
        Process process,
        Participant participant,
        Dictionary<int, string> names,
        int consultationId,
        int? paragraphId,
        string text,
        DateTimeOffset at,
        CancellationToken ct)
    {
        var comment = Comment.Submit(CommentAuthor.Of(participant), new CommentSubmission(consultationId, 1, paragraphId, text, CommentChannel.WebForm), at).Value;
        db.Comments.Add(comment);
        var a = participant.Current;
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        await RecordAsync(db, () => RecordEntry.Create(
            EqualFooting.Web.Consultations.ConsultationRecord.CommentSubmitted,
            process.Id,
            new RecordActor(participant.AccountId, a, groups[a.StakeholderGroupId], regions[a.RegionId]),
            at,
            new Dictionary<string, object?>
            {
                ["consultation"] = consultationId,
                ["comment"] = comment.Id,
                ["version"] = 1,
                ["paragraph"] = paragraphId,
                ["channel"] = comment.Channel,
                ["stakeholderGroupId"] = comment.StakeholderGroupId,
                ["regionId"] = comment.RegionId,
                ["demo"] = true,
            }), ct);
        return comment;
    }
}
