using EqualFooting.Consultations;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Privacy;
using EqualFooting.Web.Processes;
using EqualFooting.Web.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Consultations;

public sealed record ConsultationSummary(
    int Id,
    int ProcessId,
    string Title,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset OriginallyClosesAt,
    bool IsOpen,
    int LatestVersion,
    string? ExtensionReason,
    DateTimeOffset? ClosedEarlyAt,
    string? ClosureReason,
    int Comments,
    int Disposed);

/// <summary>Comments on one paragraph (or, with a null id, on the whole draft), split by the stakeholder group of their authors.</summary>
public sealed record ParagraphCounts(int Total, IReadOnlyList<CategoryCount> ByStakeholderGroup);

/// <summary>
/// A paragraph of one version: its comments on this version, and (<see cref="Earlier"/>) on each earlier version of
/// the same paragraph, which keeps its id across versions. Headings (<see cref="IsHeading"/>) take no comments by default.
/// </summary>
public sealed record ParagraphView(int Id, int Number, string Text, ParagraphCounts Comments, IReadOnlyList<VersionCount> Earlier, bool IsHeading);

/// <summary>How many comments a paragraph (or the whole draft) received on an earlier version.</summary>
public sealed record VersionCount(int Version, int Count);

public sealed record DraftView(
    ConsultationSummary Consultation,
    int Version,
    DateTimeOffset PublishedAt,
    IReadOnlyList<int> Versions,
    IReadOnlyList<CategoryHeading> StakeholderGroups,
    ParagraphCounts WholeDraft,
    IReadOnlyList<ParagraphView> Paragraphs,
    IReadOnlyList<VersionCount> WholeDraftEarlier);

public sealed record DispositionView(Disposition Disposition, string Reason, DateTimeOffset DecidedAt);

public sealed record CommentView(
    long Id,
    int VersionNumber,
    int? ParagraphId,
    int? ParagraphNumber,
    long? ParentId,
    int AuthorParticipantId,
    string Author,
    int StakeholderGroupId,
    string StakeholderGroup,
    int RegionId,
    string Region,
    string Text,
    CommentChannel Channel,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? WithdrawnAt,
    DispositionView? Disposition,
    IReadOnlyList<CommentView> Replies,
    long? CampaignId = null,
    CollapsedCampaign? Campaign = null,
    string? HiddenReason = null);

/// <summary>
/// A list item that stands for a campaign's members: the item's comment is the canonical one, <see cref="Count"/> is how
/// many members match the list's filter and <see cref="Total"/> how many there are in all.
/// </summary>
public sealed record CollapsedCampaign(long Id, int Count, int Total);

/// <param name="Undisposed">Only comments the committee has not answered yet; ignored when <paramref name="Disposition"/> is set.</param>
public sealed record CommentFilter(
    int? Version = null,
    int? ParagraphId = null,
    int? StakeholderGroupId = null,
    int? RegionId = null,
    Disposition? Disposition = null,
    bool Undisposed = false,
    int Page = 1,
    int PageSize = ConsultationQueries.DefaultPageSize,
    long? CampaignId = null,
    bool Collapse = false);

public sealed record CommentPage(int Page, int PageSize, int Total, IReadOnlyList<CommentView> Items)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An answered comment that explains a change, named by its author as the draft page names it.</summary>
public sealed record Explanation(long CommentId, string Author, Disposition Disposition, string Reason);

/// <summary>"N of M disposed": the comments that count as inputs (not replies, not withdrawn) and how many have an answer.</summary>
public sealed record Progress(int Disposed, int Total);

/// <summary>Read models of consultations, projected from the database.</summary>
public sealed class ConsultationQueries(EqualFootingDb db, ProcessVersions versions, IMemoryCache cache, PublicNames names, Moderation.ModerationQueries moderation)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// The process page shows this on every view, and counting a large consultation's comments each time would
    /// dominate it; the consultations and their counts are cached under the process version (every comment and
    /// disposition is recorded), and only whether each is open is worked out afresh, since that changes with the clock.
    /// </summary>
    public async Task<List<ConsultationSummary>> ForProcessAsync(int processId, DateTimeOffset now, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(processId, ct);
        var (rows, counts) = (await cache.GetOrCreateAsync(("consultations", processId, version), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var rows = await db.Consultations.AsNoTracking().Where(c => c.ProcessId == processId).OrderByDescending(c => c.OpensAt).ThenByDescending(c => c.Id).ToListAsync(ct);
            var ids = rows.Select(c => c.Id).ToList();
            var counts = await Inputs().Where(c => ids.Contains(c.ConsultationId))
                .GroupBy(c => c.ConsultationId)
                .Select(g => new { Id = g.Key, Total = g.Count(), Disposed = g.Count(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) != null) })
                .ToDictionaryAsync(x => x.Id, x => (x.Total, x.Disposed), ct);
            return (rows, counts);
        }))!;
        return rows.Select(c => Summary(c, now, counts.TryGetValue(c.Id, out var n) ? n.Total : 0, n.Disposed)).ToList();
    }

    /// <summary>The counts come from a cache keyed by the process version, as every comment and disposition is recorded.</summary>
    public async Task<ConsultationSummary> SummaryAsync(Consultation c, DateTimeOffset now, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(c.ProcessId, ct);
        var progress = (await cache.GetOrCreateAsync(("progress", c.Id, version), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return ProgressAsync(c.Id, ct);
        }))!;
        return Summary(c, now, progress.Total, progress.Disposed);
    }

    public async Task<Progress> ProgressAsync(int consultationId, CancellationToken ct = default)
    {
        var inputs = Inputs().Where(c => c.ConsultationId == consultationId);
        var total = await inputs.CountAsync(ct);
        var disposed = await inputs.CountAsync(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) != null, ct);
        return new Progress(disposed, total);
    }

    /// <summary>
    /// A version of the draft (the latest when <paramref name="version"/> is null), or null when there is no such
    /// version. Everything but whether the consultation is open now is cached under the process version: counting
    /// tens of thousands of comments by paragraph and group on every view would dominate the page.
    /// </summary>
    public async Task<DraftView?> DraftAsync(Process process, Consultation consultation, int? version, DateTimeOffset now, CancellationToken ct = default)
    {
        var number = version ?? consultation.LatestVersion;
        var processVersion = await versions.OfAsync(process.Id, ct);
        var cached = await cache.GetOrCreateAsync(("draft", consultation.Id, number, processVersion), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await DraftPartsAsync(process, consultation.Id, number, ct);
        });
        if (cached is null)
        {
            return null;
        }

        var summary = await SummaryAsync(consultation, now, ct);
        return cached with { Consultation = summary };
    }

    private async Task<DraftView?> DraftPartsAsync(Process process, int consultationId, int number, CancellationToken ct)
    {
        var draft = await VersionAsync(consultationId, number, ct);
        if (draft is null)
        {
            return null;
        }

        var versions = await db.DraftVersions.Where(v => v.ConsultationId == consultationId).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(ct);
        var counts = (await Inputs()
            .Where(c => c.ConsultationId == consultationId && c.VersionNumber == number)
            .GroupBy(c => new { c.ParagraphId, c.StakeholderGroupId })
            .Select(g => new { g.Key.ParagraphId, g.Key.StakeholderGroupId, Count = g.Count() })
            .ToListAsync(ct))
            .ToLookup(c => c.ParagraphId);
        var earlier = (await Inputs()
            .Where(c => c.ConsultationId == consultationId && c.VersionNumber < number)
            .GroupBy(c => new { c.VersionNumber, c.ParagraphId })
            .Select(g => new { g.Key.VersionNumber, g.Key.ParagraphId, Count = g.Count() })
            .ToListAsync(ct))
            .OrderBy(c => c.VersionNumber)
            .ToLookup(c => c.ParagraphId, c => new VersionCount(c.VersionNumber, c.Count));
        var groups = Headings(process.StakeholderGroups);
        var names = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var order = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Position);

        ParagraphCounts CountsFor(int? paragraphId)
        {
            var mine = counts[paragraphId].OrderBy(c => order.GetValueOrDefault(c.StakeholderGroupId)).ToList();
            return new ParagraphCounts(
                mine.Sum(c => c.Count),
                mine.Select(c => new CategoryCount(c.StakeholderGroupId, names.GetValueOrDefault(c.StakeholderGroupId, $"#{c.StakeholderGroupId}"), c.Count)).ToList());
        }

        return new DraftView(
            null!,
            draft.Number,
            draft.PublishedAt,
            versions,
            groups,
            CountsFor(null),
            draft.Paragraphs.Select(p => new ParagraphView(p.Id, p.Number, p.Text, CountsFor(p.Id), earlier[p.Id].ToList(), DraftParagraphs.IsHeading(p.Text))).ToList(),
            earlier[null].ToList());
    }

    /// <summary>A published version, untracked and shared: versions never change once published.</summary>
    private async Task<DraftVersion?> VersionAsync(int consultationId, int number, CancellationToken ct)
    {
        if (cache.TryGetValue(("draft-version", consultationId, number), out DraftVersion? found))
        {
            return found;
        }

        found = await db.DraftVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ConsultationId == consultationId && v.Number == number, ct);
        if (found is not null)
        {
            cache.Set(("draft-version", consultationId, number), found, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return found;
    }

    public async Task<IReadOnlyList<DraftParagraph>?> ParagraphsAsync(int consultationId, int version, CancellationToken ct = default)
    {
        var draft = await db.DraftVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ConsultationId == consultationId && v.Number == version, ct);
        return draft?.Paragraphs;
    }

    /// <summary>
    /// Comments (not replies), oldest first, each with its replies; withdrawn ones stay as tombstones. Pages and the
    /// total of each filter are cached under the process version, so readers paging through a large consultation
    /// count its comments once per change rather than once per page.
    /// </summary>
    public async Task<CommentPage> CommentsAsync(Process process, int consultationId, CommentFilter filter, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(process.Id, ct);
        return (await cache.GetOrCreateAsync(("comments", consultationId, filter, version), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await CommentPageAsync(process, consultationId, filter, version, ct);
        }))!;
    }

    private async Task<CommentPage> CommentPageAsync(Process process, int consultationId, CommentFilter filter, long version, CancellationToken ct)
    {
        var query = db.Comments.Where(c => c.ConsultationId == consultationId && c.ParentId == null);
        if (filter.Version is { } v)
        {
            query = query.Where(c => c.VersionNumber == v);
        }

        if (filter.ParagraphId is { } p)
        {
            query = query.Where(c => c.ParagraphId == p);
        }

        if (filter.StakeholderGroupId is { } g)
        {
            query = query.Where(c => c.StakeholderGroupId == g);
        }

        if (filter.RegionId is { } r)
        {
            query = query.Where(c => c.RegionId == r);
        }

        if (filter.Disposition is { } d)
        {
            query = query.Where(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) == d);
        }
        else if (filter.Undisposed)
        {
            query = query.Where(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) == null && c.WithdrawnAt == null);
        }

        if (filter.CampaignId is { } k)
        {
            query = query.Where(c => c.CampaignId == k);
        }

        // Folding costs a GROUP BY over every matching comment; most consultations have no campaign and keep the indexed page.
        if (filter.Collapse && await db.Campaigns.AnyAsync(k => k.ConsultationId == consultationId, ct))
        {
            return await CollapsedAsync(process, consultationId, query, filter, ct);
        }

        var total = (await cache.GetOrCreateAsync(("comment-total", consultationId, filter with { Page = 1, PageSize = 1 }, version), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return query.CountAsync(ct);
        }))!;
        var page = await query.OrderBy(c => c.Id).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).AsNoTracking().ToListAsync(ct);
        var ids = page.Select(c => c.Id).ToList();
        var replies = await db.Comments.Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value)).OrderBy(c => c.Id).AsNoTracking().ToListAsync(ct);
        var items = await ViewsAsync(process, consultationId, page, replies, ct);
        return new CommentPage(filter.Page, filter.PageSize, total, items);
    }

    /// <summary>
    /// The same list with each campaign's matching members folded into one item, placed where its first matching member
    /// would be. One GROUP BY over the filtered comments (a comment outside any campaign is its own group, keyed by its
    /// negated id) gives the page; a campaign of which only one member matches is shown as that comment.
    /// </summary>
    private async Task<CommentPage> CollapsedAsync(Process process, int consultationId, IQueryable<Comment> query, CommentFilter filter, CancellationToken ct)
    {
        var groups = query.GroupBy(c => c.CampaignId ?? -c.Id).Select(g => new { g.Key, First = g.Min(c => c.Id), Count = g.Count() });
        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderBy(g => g.First).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        var campaignIds = rows.Where(r => r.Key > 0 && r.Count > 1).Select(r => r.Key).ToList();
        var campaigns = await db.Campaigns.Where(k => campaignIds.Contains(k.Id)).Select(k => new { k.Id, k.CanonicalCommentId }).ToDictionaryAsync(k => k.Id, k => k.CanonicalCommentId, ct);
        var totals = await Inputs().Where(c => c.CampaignId != null && campaignIds.Contains(c.CampaignId.Value))
            .GroupBy(c => c.CampaignId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var shown = rows.Select(r => campaigns.TryGetValue(r.Key, out var canonical) ? canonical : r.First).ToList();
        var comments = (await db.Comments.Where(c => shown.Contains(c.Id)).AsNoTracking().ToListAsync(ct)).ToDictionary(c => c.Id);
        var singles = rows.Where(r => !campaigns.ContainsKey(r.Key)).Select(r => r.First).ToList();
        var replies = await db.Comments.Where(c => c.ParentId != null && singles.Contains(c.ParentId.Value)).OrderBy(c => c.Id).AsNoTracking().ToListAsync(ct);
        var ordered = shown.Select(id => comments[id]).ToList();
        var views = await ViewsAsync(process, consultationId, ordered, replies, ct);
        var items = new List<CommentView>(views.Count);
        for (var i = 0; i < views.Count; i++)
        {
            var row = rows[i];
            items.Add(campaigns.ContainsKey(row.Key)
                ? views[i] with { Replies = [], Campaign = new CollapsedCampaign(row.Key, row.Count, totals.GetValueOrDefault(row.Key, row.Count)) }
                : views[i]);
        }

        return new CommentPage(filter.Page, filter.PageSize, total, items);
    }

    public async Task<UptakeReport> UptakeAsync(Process process, int consultationId, CancellationToken ct = default)
    {
        var rows = await Inputs().Where(c => c.ConsultationId == consultationId)
            .GroupBy(c => new { c.StakeholderGroupId, c.RegionId, Disposition = EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) })
            .Select(x => new { x.Key.StakeholderGroupId, x.Key.RegionId, x.Key.Disposition, Count = x.Count() })
            .ToListAsync(ct);
        var inputs = rows.SelectMany(x => Enumerable.Repeat(new UptakeInput(x.StakeholderGroupId, x.RegionId, x.Disposition), x.Count));
        return UptakeReport.Build(process.StakeholderGroups, process.Regions, inputs);
    }

    /// <summary>Every comment of the consultation, replies included, with edit and disposition histories, for export.</summary>
    public async Task<List<Comment>> AllCommentsAsync(int consultationId, CancellationToken ct = default) =>
        await db.Comments.Where(c => c.ConsultationId == consultationId).OrderBy(c => c.Id).AsNoTracking().ToListAsync(ct);

    public async Task<List<DraftVersion>> VersionsAsync(int consultationId, CancellationToken ct = default) =>
        await db.DraftVersions.Where(v => v.ConsultationId == consultationId).OrderBy(v => v.Number).AsNoTracking().ToListAsync(ct);

    public Task<int?> ParticipantIdAsync(int processId, string? accountId, CancellationToken ct = default) =>
        db.Participants.Where(p => p.ProcessId == processId && p.AccountId == accountId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Authors as readers may see them, under the process's privacy settings.</summary>
    public Task<CommentAuthors> AuthorNamesAsync(int processId, IEnumerable<int> participantIds, CancellationToken ct = default) =>
        names.CommentAuthorsAsync(processId, participantIds, ct);

    public async Task<IReadOnlyList<CommentView>> ViewsAsync(Process process, int consultationId, IReadOnlyList<Comment> comments, IReadOnlyList<Comment> replies, CancellationToken ct = default)
    {
        var authors = await AuthorNamesAsync(process.Id, comments.Concat(replies).Select(c => c.AuthorParticipantId), ct);
        var hidden = await moderation.HiddenAsync([.. comments.Concat(replies).Select(c => c.Id)], ct);
        var versions = comments.Select(c => c.VersionNumber).Distinct().ToList();
        var numbers = new Dictionary<(int, int), int>();
        foreach (var number in versions)
        {
            foreach (var p in (await VersionAsync(consultationId, number, ct))?.Paragraphs ?? [])
            {
                numbers[(number, p.Id)] = p.Number;
            }
        }

        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);

        CommentView View(Comment c, IReadOnlyList<CommentView> children) => new(
            c.Id,
            c.VersionNumber,
            c.ParagraphId,
            c.ParagraphId is { } pid && numbers.TryGetValue((c.VersionNumber, pid), out var n) ? n : null,
            c.ParentId,
            c.AuthorParticipantId,
            authors.Of(c),
            c.StakeholderGroupId,
            groups.GetValueOrDefault(c.StakeholderGroupId, ""),
            c.RegionId,
            regions.GetValueOrDefault(c.RegionId, ""),
            c.Text,
            c.Channel,
            c.CreatedAt,
            c.EditedAt,
            c.WithdrawnAt,
            c.CurrentDisposition is { } d ? new DispositionView(d.Disposition, d.Reason, d.DecidedAt) : null,
            children,
            c.CampaignId,
            HiddenReason: hidden.GetValueOrDefault(c.Id));

        return comments.Select(c => View(c, replies.Where(r => r.ParentId == c.Id).Select(r => View(r, [])).ToList())).ToList();
    }

    /// <summary>
    /// The answered comments on the given paragraphs of a version: what explains the changes in the next one.
    /// </summary>
    public async Task<ILookup<int, Explanation>> ExplanationsAsync(int processId, int consultationId, int version, IReadOnlyCollection<int> paragraphIds, CancellationToken ct = default)
    {
        var ids = paragraphIds.ToList();
        var comments = await Inputs()
            .Where(c => c.ConsultationId == consultationId && c.VersionNumber == version && c.ParagraphId != null && ids.Contains(c.ParagraphId.Value)
                && EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) != null)
            .OrderBy(c => c.Id)
            .AsNoTracking()
            .ToListAsync(ct);
        var authors = await AuthorNamesAsync(processId, comments.Select(c => c.AuthorParticipantId), ct);
        return comments.ToLookup(c => c.ParagraphId!.Value, c => new Explanation(
            c.Id, authors.Of(c), c.CurrentDisposition!.Disposition, c.CurrentDisposition.Reason));
    }

    /// <summary>Comments that count as inputs to the draft: not replies, not withdrawn.</summary>
    internal IQueryable<Comment> Inputs() => db.Comments.Where(c => c.ParentId == null && c.WithdrawnAt == null);

    private static List<CategoryHeading> Headings(IEnumerable<Category> categories) =>
        categories.OrderBy(c => c.Position).Select(c => new CategoryHeading(c.Id, c.Name, c.IsRetired)).ToList();

    private static ConsultationSummary Summary(Consultation c, DateTimeOffset now, int comments, int disposed) => new(
        c.Id, c.ProcessId, c.Title, c.OpensAt, c.ClosesAt, c.OriginallyClosesAt, c.IsOpen(now), c.LatestVersion,
        c.ExtensionReason, c.ClosedEarlyAt, c.ClosureReason, comments, disposed);
}
