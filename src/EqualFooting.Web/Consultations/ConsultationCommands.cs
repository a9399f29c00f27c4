using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Notifications;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using EqualFooting.Web.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Consultations;

/// <summary>What a convener gives to open a consultation: its window and the first version of the draft.</summary>
public sealed record ConsultationDetails(string? Title, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? Markdown);

/// <param name="VersionNumber">Null for the latest version.</param>
/// <param name="ParagraphId">Null for a comment on the whole draft.</param>
/// <param name="OnBehalfOf">Set when a convener enters a comment sent by e-mail or on paper.</param>
public sealed record CommentInput(int? VersionNumber, int? ParagraphId, string? Text, string? IdempotencyKey, OnBehalfOf? OnBehalfOf = null);

/// <summary>The author of a comment entered for them: a name, the stakeholder group and region they declared, a country.</summary>
public sealed record OnBehalfOf(string? Name, int? StakeholderGroupId, int? RegionId, string? Country);

/// <summary>A consultation as the use cases need it: with its process (for the lists of groups and regions) and the actor there.</summary>
public sealed record FoundConsultation(Consultation Consultation, Process Process, Actor Actor);

/// <summary>
/// The use cases of a consultation: each checks <see cref="ConsultationPolicy"/>, changes, and records in the same
/// transaction. Comment writes are acknowledged only once committed.
/// </summary>
public sealed class ConsultationCommands(
    EqualFootingDb db,
    ProcessAccess processes,
    Writes writes,
    TimeProvider clock,
    Actors actors,
    CommentIntake intake,
    IMemoryCache cache,
    ProcessVersions versions,
    CampaignDetection campaigns)
{
    public const int MaxBatch = 1_000;

    /// <summary>Loads a consultation the actor may see.</summary>
    public async Task<Result<FoundConsultation>> FindAsync(int consultationId, CancellationToken ct = default)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, ct);
        if (consultation is null)
        {
            return Error.NotFound("No such consultation.");
        }

        var found = await processes.FindAsync(consultation.ProcessId, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such consultation.") : error;
        }

        return new FoundConsultation(consultation, found.Value.Process, found.Value.Actor);
    }

    /// <summary>
    /// Loads a consultation the actor may see, for pages and queries that only read it: untracked, with the process
    /// shared from the cache keyed by its version (<see cref="ProcessAccess.ViewAsync"/>). Never change what this returns.
    /// </summary>
    public async Task<Result<FoundConsultation>> ViewAsync(int consultationId, CancellationToken ct = default)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, ct);
        if (consultation is null)
        {
            return Error.NotFound("No such consultation.");
        }

        var found = await processes.ViewAsync(consultation.ProcessId, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such consultation.") : error;
        }

        return new FoundConsultation(consultation, found.Value.Process, found.Value.Actor);
    }

    public Task<Result<Consultation>> CreateConsultationAsync(int processId, ConsultationDetails details, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Consultation>(
            token => processes.LoadAsync(processId, token),
            c => ConsultationPolicy.Create(c.Actor, c.Process),
            (c, now) =>
            {
                var created = Consultation.Create(processId, details.Title, details.OpensAt, details.ClosesAt, now);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var consultation = created.Value;
                var first = consultation.Publish(details.Markdown, null, now);
                if (first.Error is { } badDraft)
                {
                    return badDraft;
                }

                db.Consultations.Add(consultation);
                db.DraftVersions.Add(first.Value);
                return Change.Recorded(consultation, processId, ConsultationRecord.ConsultationCreated, () => new Dictionary<string, object?>
                {
                    ["consultation"] = consultation.Id,
                    ["title"] = consultation.Title,
                    ["opensAt"] = consultation.OpensAt,
                    ["closesAt"] = consultation.ClosesAt,
                    ["version"] = 1,
                    ["paragraphs"] = first.Value.Paragraphs.Count,
                });
            },
            ct);

    public Task<Result<Consultation>> ExtendConsultationAsync(int consultationId, DateTimeOffset? closesAt, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<FoundConsultation, Consultation>(
            token => FindAsync(consultationId, token),
            c => ConsultationPolicy.Extend(c.Actor, c.Process),
            (c, now) =>
            {
                var consultation = c.Consultation;
                var previous = consultation.ClosesAt;
                return consultation.Extend(closesAt, reason, now) is { } error
                    ? error
                    : Change.Recorded(consultation, c.Process.Id, ConsultationRecord.ConsultationExtended, () => new Dictionary<string, object?>
                    {
                        ["consultation"] = consultation.Id,
                        ["from"] = previous,
                        ["to"] = consultation.ClosesAt,
                        ["reason"] = consultation.ExtensionReason,
                    });
            },
            ct);

    public Task<Result<Consultation>> CloseConsultationAsync(int consultationId, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<FoundConsultation, Consultation>(
            token => FindAsync(consultationId, token),
            c => ConsultationPolicy.Close(c.Actor, c.Process),
            (c, now) =>
            {
                var consultation = c.Consultation;
                return consultation.Close(reason, now) is { } error
                    ? error
                    : Change.Recorded(consultation, c.Process.Id, ConsultationRecord.ConsultationClosed, () => new Dictionary<string, object?>
                    {
                        ["consultation"] = consultation.Id,
                        ["at"] = consultation.ClosesAt,
                        ["reason"] = consultation.ClosureReason,
                    });
            },
            ct);

    /// <summary>
    /// A new version of the draft. Two published at once both build on the same latest version; the unique index on
    /// (consultation, number) keeps one, and the other is told to compare again before publishing.
    /// </summary>
    public async Task<Result<DraftVersion>> PublishVersionAsync(int consultationId, string? markdown, CancellationToken ct = default)
    {
        var published = await writes.RunAsync<FoundConsultation, DraftVersion?>(
            token => FindAsync(consultationId, token),
            c => ConsultationPolicy.PublishVersion(c.Actor, c.Process),
            async (c, now) =>
            {
                var consultation = c.Consultation;
                var latest = await db.DraftVersions.FirstAsync(v => v.ConsultationId == consultationId && v.Number == consultation.LatestVersion, ct);
                var next = consultation.Publish(markdown, latest, now);
                if (next.Error is { } invalid)
                {
                    return invalid;
                }

                var version = next.Value;
                db.DraftVersions.Add(version);
                return Change.Recorded<DraftVersion?, IReadOnlyDictionary<string, object?>>(version, c.Process.Id, ConsultationRecord.ConsultationVersionPublished, () => new Dictionary<string, object?>
                {
                    ["consultation"] = consultation.Id,
                    ["version"] = version.Number,
                    ["paragraphs"] = version.Paragraphs.Count,
                }).OnDuplicate(_ => Task.FromResult<Result<DraftVersion?>?>((DraftVersion?)null));
            },
            ct);
        if (published.Error is { } error)
        {
            return error;
        }

        return published.Value is { } stored
            ? stored
            : Error.Conflict("Another version was published at the same time; reload and compare before publishing.");
    }

    /// <summary>
    /// One comment. Resending the same comment under the same idempotency key returns the stored one (Created is
    /// false); different content under a used key is a conflict.
    /// </summary>
    public async Task<Result<(Comment Comment, bool Created)>> SubmitCommentAsync(int consultationId, CommentInput input, CommentChannel channel, CancellationToken ct = default)
    {
        var batch = await SubmitAsync(consultationId, [input], channel, single: true, ct);
        return batch.Error is { } error ? error : batch.Value[0];
    }

    /// <summary>
    /// Up to <see cref="MaxBatch"/> comments, each with its own idempotency key, all stored or none, in one
    /// transaction. A batch sent twice, even at the same moment, stores each comment once.
    /// </summary>
    public async Task<Result<IReadOnlyList<(Comment Comment, bool Created)>>> SubmitBatchAsync(int consultationId, IReadOnlyList<CommentInput>? inputs, CommentChannel channel, CancellationToken ct = default)
    {
        if (inputs is null || inputs.Count == 0)
        {
            return Error.Invalid("comments", "Send at least one comment.");
        }

        if (inputs.Count > MaxBatch)
        {
            return Error.Invalid("comments", $"Send at most {MaxBatch} comments per batch (this one has {inputs.Count}).");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(inputs[i]?.IdempotencyKey))
            {
                return Error.Invalid($"comments[{i}].idempotencyKey", "Every comment of a batch needs an idempotency key, so that a resent batch does not post twice.");
            }
        }

        return await SubmitAsync(consultationId, inputs, channel, single: false, ct);
    }

    public Task<Result<(Comment Comment, bool Created)>> ReplyToCommentAsync(int consultationId, long commentId, string? text, string? idempotencyKey, CommentChannel channel, CancellationToken ct = default) =>
        writes.RunAsync<(Comment Parent, FoundConsultation Found), (Comment, bool)>(
            token => LoadCommentAsync(consultationId, commentId, token),
            c => ConsultationPolicy.Comment(c.Found.Actor, c.Found.Process, c.Found.Consultation, clock.GetUtcNow()),
            async (c, now) =>
            {
                var author = await AuthorAsync(c.Found, ct);
                var key = idempotencyKey?.Trim();
                var earlier = await EarlierReplyAsync(c.Found, author, key, ct);
                var reply = Comment.Reply(c.Parent, author, new ReplySubmission(text, channel, idempotencyKey), now, earlier);
                if (reply.Error is { } error)
                {
                    return error;
                }

                if (earlier is not null)
                {
                    return Change.None((reply.Value, false));
                }

                db.Comments.Add(reply.Value);
                if (await AuthorToTellAsync(c.Parent, c.Found.Actor.AccountId, ct) is { } parentAuthor)
                {
                    // The notice names the comment replied to: the page shows its replies under it.
                    db.Notifications.Add(Notification.AboutComment(parentAuthor, NoticeKind.CommentReplied, c.Found.Process.Id, consultationId, c.Parent.Id, null, now));
                }

                // The same reply sent twice at once: the unique key keeps one, and the other answers with it.
                return Change.Recorded((reply.Value, true), c.Found.Process.Id, ConsultationRecord.CommentReplied, () => Describe(reply.Value))
                    .WithReceipt()
                    .OnDuplicate(async token => await EarlierReplyAsync(c.Found, author, key, token) is { } winner
                        ? Comment.Reply(c.Parent, author, new ReplySubmission(text, channel, idempotencyKey), now, winner) is { Error: null } same
                            ? (Result<(Comment, bool)>?)(same.Value, false)
                            : Error.Conflict("This idempotency key was used for a different reply.", "idempotencyKey")
                        : null);
            },
            ct);

    /// <summary>
    /// The account to tell about something done to <paramref name="comment"/>: its author, unless the comment was
    /// entered on someone's behalf (its participant row is the convener's, who needs no notice about another's
    /// letter) or the author is the one acting.
    /// </summary>
    private async Task<string?> AuthorToTellAsync(Comment comment, string? actingAccountId, CancellationToken ct)
    {
        if (comment.AuthorName is not null)
        {
            return null;
        }

        var author = await db.Participants.Where(p => p.Id == comment.AuthorParticipantId).Select(p => p.AccountId).FirstOrDefaultAsync(ct);
        return author is not null && author != actingAccountId ? author : null;
    }

    /// <summary>After an edit or a withdrawal commits, campaign detection looks at the consultation again.</summary>
    private Func<CancellationToken, Task> SignalCampaigns(int consultationId) => _ =>
    {
        campaigns.Signal(consultationId);
        return Task.CompletedTask;
    };

    private async Task<Comment?> EarlierReplyAsync(FoundConsultation found, CommentAuthor author, string? key, CancellationToken ct) =>
        string.IsNullOrEmpty(key) ? null : (await EarlierAsync(found.Consultation.Id, author.ParticipantId, [key], ct)).GetValueOrDefault(key);

    public Task<Result<Comment>> EditCommentAsync(int consultationId, long commentId, string? text, CancellationToken ct = default) =>
        writes.RunAsync<(Comment Comment, FoundConsultation Found), Comment>(
            token => LoadCommentAsync(consultationId, commentId, token),
            c => ConsultationPolicy.Amend(c.Found.Actor, c.Found.Process),
            async (c, now) =>
            {
                var comment = c.Comment;
                var before = comment.EditedAt;
                if (comment.Edit(await ParticipantIdAsync(c.Found, ct), text, now, c.Found.Consultation.ClosesAt) is { } error)
                {
                    return error;
                }

                return comment.EditedAt == before
                    ? Change.None(comment)
                    : Change.Recorded(comment, c.Found.Process.Id, ConsultationRecord.CommentEdited, () => Describe(comment))
                        .Then(SignalCampaigns(consultationId));
            },
            ct);

    public Task<Result<Comment>> WithdrawCommentAsync(int consultationId, long commentId, CancellationToken ct = default) =>
        writes.RunAsync<(Comment Comment, FoundConsultation Found), Comment>(
            token => LoadCommentAsync(consultationId, commentId, token),
            c => ConsultationPolicy.Amend(c.Found.Actor, c.Found.Process),
            async (c, now) =>
            {
                var comment = c.Comment;
                var already = comment.IsWithdrawn;
                if (comment.Withdraw(await ParticipantIdAsync(c.Found, ct), now, c.Found.Consultation.ClosesAt) is { } error)
                {
                    return error;
                }

                return already
                    ? Change.None(comment)
                    : Change.Recorded(comment, c.Found.Process.Id, ConsultationRecord.CommentWithdrawn, () => new Dictionary<string, object?>
                    {
                        ["consultation"] = comment.ConsultationId,
                        ["comment"] = comment.Id,
                    }).Then(SignalCampaigns(consultationId));
            },
            ct);

    public Task<Result<Comment>> DisposeCommentAsync(int consultationId, long commentId, Disposition? disposition, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<(Comment Comment, FoundConsultation Found), Comment>(
            token => LoadCommentAsync(consultationId, commentId, token),
            c => ConsultationPolicy.Dispose(c.Found.Actor, c.Found.Process),
            async (c, now) =>
            {
                if (disposition is not { } chosen)
                {
                    return Error.Invalid("disposition", "Choose a disposition.");
                }

                var comment = c.Comment;
                var count = comment.Dispositions.Count;
                if (comment.RecordDisposition(chosen, reason, c.Found.Actor.AccountId!, now) is { } error)
                {
                    return error;
                }

                if (comment.Dispositions.Count == count)
                {
                    return Change.None(comment);
                }

                db.Entry(comment).Property<Disposition?>(CommentColumns.CurrentDisposition).CurrentValue = chosen;
                if (await AuthorToTellAsync(comment, c.Found.Actor.AccountId, ct) is { } author)
                {
                    db.Notifications.Add(Notification.AboutComment(author, NoticeKind.CommentDisposed, c.Found.Process.Id, comment.ConsultationId, comment.Id, comment.CurrentDisposition!.Reason, now, chosen.ToString()));
                }

                return Change.Recorded(comment, c.Found.Process.Id, ConsultationRecord.CommentDisposed, () => new Dictionary<string, object?>
                {
                    ["consultation"] = comment.ConsultationId,
                    ["comment"] = comment.Id,
                    ["disposition"] = chosen,
                    ["reason"] = comment.CurrentDisposition!.Reason,
                    ["revises"] = count > 0,
                });
            },
            ct);

    /// <summary>
    /// The request's half of storing comments: authorise, then validate every comment against the draft, and hand the
    /// lot to <see cref="CommentIntake"/>, which checks the idempotency keys and stores them, and answers after the
    /// commit. Everything read here is read once per request with no tracking: the consultation with its process, the
    /// actor with their current affiliation in one query, and the paragraph ids of the version, which never change
    /// once published and are cached.
    /// </summary>
    private async Task<Result<IReadOnlyList<(Comment Comment, bool Created)>>> SubmitAsync(
        int consultationId,
        IReadOnlyList<CommentInput> inputs,
        CommentChannel channel,
        bool single,
        CancellationToken ct)
    {
        // Four small queries, on one connection rather than a trip through the pool each (opening a pooled SQLite
        // connection costs about what one of these queries does); closed again before waiting for the writer.
        Result<IntakeSubmission> validated;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            validated = await ValidateAsync(consultationId, inputs, channel, single, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (validated.Error is { } invalid)
        {
            return invalid;
        }

        var stored = await intake.SubmitAsync(validated.Value);
        versions.Forget(validated.Value.ProcessId);
        if (stored.Error is null)
        {
            campaigns.Signal(consultationId);
        }

        return stored;
    }

    /// <summary>Authorises the actor and validates every comment: the submission to queue, or why there is none.</summary>
    private async Task<Result<IntakeSubmission>> ValidateAsync(
        int consultationId,
        IReadOnlyList<CommentInput> inputs,
        CommentChannel channel,
        bool single,
        CancellationToken ct)
    {
        if (await ConsultationWithProcess.For(db)(db, consultationId, ct) is not var (consultation, process))
        {
            return Error.NotFound("No such consultation.");
        }

        var (actor, author, recordActor) = await CommenterAsync(process.Id, ct);
        var now = clock.GetUtcNow();
        var onBehalf = inputs.Any(i => i.OnBehalfOf is not null);
        if ((onBehalf ? ConsultationPolicy.EnterOnBehalf(actor, process, consultation, now) : ConsultationPolicy.Comment(actor, process, consultation, now)) is { } denied)
        {
            return denied.Kind == ErrorKind.NotFound ? Error.NotFound("No such consultation.") : denied;
        }

        // Comments typed in for people without accounts carry their author's group and region, which must be the process's own.
        HashSet<int>? groups = null, regions = null;
        if (onBehalf)
        {
            groups = (await db.Set<StakeholderGroup>().Where(g => g.ProcessId == process.Id && g.RetiredAt == null).Select(g => g.Id).ToListAsync(ct)).ToHashSet();
            regions = (await db.Set<Region>().Where(r => r.ProcessId == process.Id && r.RetiredAt == null).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        }

        var items = new List<IntakeItem>(inputs.Count);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var prefix = single ? "" : $"comments[{i}].";
            var version = input.VersionNumber ?? consultation.LatestVersion;
            if (await ParagraphIdsAsync(consultationId, version, ct) is not { } ids)
            {
                return Error.Invalid(prefix + "versionNumber", $"This consultation has no version {version}.");
            }

            if (input.ParagraphId is { } paragraph && !ids.Contains(paragraph))
            {
                return Error.Invalid(prefix + "paragraphId", $"Paragraph {paragraph} is not part of version {version} of this draft.");
            }

            var by = author!;
            if (input.OnBehalfOf is { } other)
            {
                if (other.StakeholderGroupId is not { } group || !groups!.Contains(group))
                {
                    return Error.Invalid(prefix + "onBehalfOf.stakeholderGroupId", "Choose one of this process's stakeholder groups.");
                }

                if (other.RegionId is not { } region || !regions!.Contains(region))
                {
                    return Error.Invalid(prefix + "onBehalfOf.regionId", "Choose one of this process's regions.");
                }

                by = by with { StakeholderGroupId = group, RegionId = region, AffiliationId = null, Name = other.Name ?? "", Country = other.Country };
            }

            var submission = new CommentSubmission(consultationId, version, input.ParagraphId, input.Text, channel, input.IdempotencyKey);
            var submitted = Comment.Submit(by, submission, now);
            if (submitted.Error is { } error)
            {
                return error with { Field = FieldOf(prefix, error.Field) };
            }

            // A key repeated within the batch is a resend of the same comment, or a conflict.
            var comment = submitted.Value;
            if (comment.IdempotencyKey is { } key && byKey.TryGetValue(key, out var first))
            {
                var repeat = Comment.Submit(by, submission, now, items[first].New);
                if (repeat.Error is { } conflict)
                {
                    return conflict with { Field = FieldOf(prefix, conflict.Field) };
                }

                items.Add(new IntakeItem(submission, by, comment, first));
                continue;
            }

            if (comment.IdempotencyKey is { } newKey)
            {
                byKey[newKey] = i;
            }

            items.Add(new IntakeItem(submission, by, comment, null));
        }

        return new IntakeSubmission(process.Id, recordActor!, author!, items, single);
    }

    // The author's name and country are checked as "author" and "country"; in the request they are under onBehalfOf.
    private static string? FieldOf(string prefix, string? field) => field switch
    {
        null => null,
        "author" => prefix + "onBehalfOf.name",
        "country" => prefix + "onBehalfOf.country",
        _ => prefix + field,
    };

    /// <summary>
    /// The actor in the process and, when they take part, the group and region they comment for and how the record
    /// names them: their current affiliation with its names in one untracked query and their roles in another, where
    /// the general lookups load the participant with its whole history. Intake runs this for every comment posted, and
    /// the writer that stores the comment should not have to look anything up.
    /// </summary>
    private async Task<(Actor Actor, CommentAuthor? Author, RecordActor? RecordActor)> CommenterAsync(int processId, CancellationToken ct)
    {
        var actor = await actors.CurrentAsync(ct);
        if (actor.AccountId is not { } account)
        {
            return (actor, null, null);
        }

        var current = await CurrentAffiliation.For(db)(db, processId, account, ct);
        var roles = new HashSet<ProcessRole>();
        await foreach (var role in RolesIn.For(db)(db, processId, account).WithCancellation(ct))
        {
            roles.Add(role);
        }

        if (current is null)
        {
            // Not a participant: a convener entering comments on others' behalf, or someone the policy will refuse.
            return (actor with { Roles = roles, IsParticipant = false }, null, await actors.ForRecordAsync(processId, ct));
        }

        var a = current.Affiliation;
        return (
            actor with { Roles = roles, IsParticipant = true },
            new CommentAuthor(a.ParticipantId, a.StakeholderGroupId, a.RegionId, a.Id),
            new RecordActor(account, a, current.Group, current.Region));
    }

    // Every comment posted runs the three queries below: compiled once, they skip EF's translation lookup per call,
    // which was a fifth of the time of a single comment's request.
    private static readonly PerProvider<Func<EqualFootingDb, int, CancellationToken, Task<ConsultationInProcess?>>> ConsultationWithProcess = new(() =>
        EF.CompileAsyncQuery((EqualFootingDb db, int id, CancellationToken ct) => db.Consultations.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Processes.AsNoTracking(), c => c.ProcessId, p => p.Id, (c, p) => new ConsultationInProcess(c, p))
            .FirstOrDefault()));

    private static readonly PerProvider<Func<EqualFootingDb, int, string, CancellationToken, Task<Commenter?>>> CurrentAffiliation = new(() =>
        EF.CompileAsyncQuery((EqualFootingDb db, int processId, string account, CancellationToken ct) => db.Affiliations.AsNoTracking()
            .Where(a => a.ProcessId == processId && a.Until == null && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == account))
            .Select(a => new Commenter(
                a,
                db.StakeholderGroups.Where(g => g.Id == a.StakeholderGroupId).Select(g => g.Name).FirstOrDefault(),
                db.Regions.Where(r => r.Id == a.RegionId).Select(r => r.Name).FirstOrDefault()))
            .FirstOrDefault()));

    private static readonly PerProvider<Func<EqualFootingDb, int, string, IAsyncEnumerable<ProcessRole>>> RolesIn = new(() =>
        EF.CompileAsyncQuery((EqualFootingDb db, int processId, string account) =>
            db.RoleAssignments.Where(r => r.ProcessId == processId && r.AccountId == account).Select(r => r.Role)));

    private sealed record ConsultationInProcess(Consultation Consultation, Process Process);

    private sealed record Commenter(Affiliation Affiliation, string? Group, string? Region);

    /// <summary>The paragraph ids of a published version, or null when there is no such version. A version never changes once published.</summary>
    private async Task<HashSet<int>?> ParagraphIdsAsync(int consultationId, int version, CancellationToken ct)
    {
        if (cache.TryGetValue(("paragraph-ids", consultationId, version), out HashSet<int>? ids))
        {
            return ids;
        }

        var found = await db.DraftVersions.AsNoTracking()
            .Where(v => v.ConsultationId == consultationId && v.Number == version)
            .Select(v => v.Paragraphs.Select(p => p.Id).ToList())
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        ids = found.ToHashSet();
        cache.Set(("paragraph-ids", consultationId, version), ids, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        return ids;
    }

    private async Task<Dictionary<string, Comment>> EarlierAsync(int consultationId, int participantId, IReadOnlyList<string> keys, CancellationToken ct) =>
        await db.Comments
            .Where(c => c.ConsultationId == consultationId && c.AuthorParticipantId == participantId && c.IdempotencyKey != null && keys.Contains(c.IdempotencyKey))
            .ToDictionaryAsync(c => c.IdempotencyKey!, ct);

    private async Task<CommentAuthor> AuthorAsync(FoundConsultation found, CancellationToken ct)
    {
        var participant = await db.Participants.Include(p => p.Affiliations)
            .FirstAsync(p => p.ProcessId == found.Process.Id && p.AccountId == found.Actor.AccountId, ct);
        return CommentAuthor.Of(participant);
    }

    private async Task<int> ParticipantIdAsync(FoundConsultation found, CancellationToken ct) =>
        found.Actor.AccountId is not { } account ? 0
        : await db.Participants.Where(p => p.ProcessId == found.Process.Id && p.AccountId == account).Select(p => p.Id).FirstOrDefaultAsync(ct);

    private async Task<Result<(Comment Comment, FoundConsultation Found)>> LoadCommentAsync(int consultationId, long commentId, CancellationToken ct)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == consultationId, ct);
        if (comment is null)
        {
            return Error.NotFound("No such comment.");
        }

        var found = await FindAsync(comment.ConsultationId, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such comment.") : error;
        }

        return (comment, found.Value);
    }

    internal static Dictionary<string, object?> Describe(Comment c) => new()
    {
        ["consultation"] = c.ConsultationId,
        ["comment"] = c.Id,
        ["version"] = c.VersionNumber,
        ["paragraph"] = c.ParagraphId,
        ["parent"] = c.ParentId,
        ["channel"] = c.Channel,
        ["stakeholderGroupId"] = c.StakeholderGroupId,
        ["regionId"] = c.RegionId,
    };
}
