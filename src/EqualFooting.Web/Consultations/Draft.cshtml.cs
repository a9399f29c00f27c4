using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

public sealed class CommentForm
{
    public int? Version { get; set; }

    public int? ParagraphId { get; set; }

    public string? Text { get; set; }

    /// <summary>Issued with the page, so a form sent twice (a double click, a resend after a timeout) posts one comment.</summary>
    public string? Key { get; set; }
}

public sealed class ReplyForm
{
    public long CommentId { get; set; }

    public string? Text { get; set; }

    public string? Key { get; set; }
}

/// <summary>The draft, paragraph by paragraph with comment counts by group, the comments below it and a form per paragraph.</summary>
public sealed class DraftModel(ConsultationCommands commands, ConsultationQueries queries, TimeProvider clock) : PageModel
{
    public Process Process { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    public DraftView Draft { get; private set; } = null!;

    public CommentPage Comments { get; private set; } = null!;

    public bool CanComment { get; private set; }

    public bool IsCommittee { get; private set; }

    public bool CanConvene { get; private set; }

    /// <summary>Anonymous readers and non-participants of an open consultation, who are shown how to take part.</summary>
    public bool NeedsToJoin { get; private set; }

    /// <summary>Why the actor cannot comment, when that is worth saying (closed, not joined).</summary>
    public string? CommentBlocked { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    [BindProperty(SupportsGet = true, Name = "paragraph")]
    public int? ParagraphFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "group")]
    public int? GroupFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public int? RegionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "disposition")]
    public string? DispositionFilter { get; set; }

    /// <summary>
    /// From the query string, read by hand: Razor Pages keeps the page's own path in a route value called "page", which
    /// model binding would find first, so <c>?page=3</c> never reached a bound property.
    /// </summary>
    public int? PageNumber { get; set; }

    [BindProperty]
    public CommentForm Form { get; set; } = new();

    [BindProperty]
    public ReplyForm Reply { get; set; } = new();

    /// <summary>The actor's participant id here, to offer withdrawal on their own comments.</summary>
    public int? Me { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Where the comment partial finds the page, when it should offer reply and withdraw forms.</summary>
    public const string CommentFormsKey = "CommentForms";

    public string NewKey { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(int cid, CancellationToken ct) => await LoadAsync(cid, ct) ?? Page();

    public async Task<IActionResult> OnPostCommentAsync(int cid, CancellationToken ct)
    {
        var submitted = await commands.SubmitCommentAsync(cid, new CommentInput(Form.Version, Form.ParagraphId, Form.Text, Form.Key), CommentChannel.WebForm, ct);
        if (submitted.Error is { } error)
        {
            if (Problems.ToPage(this, error, "Form.") is { } status)
            {
                return status;
            }

            Version = Form.Version;
            return await LoadAsync(cid, ct) ?? Page();
        }

        var c = submitted.Value.Comment;
        return Redirect($"/consultations/{cid}?version={c.VersionNumber}{(c.ParagraphId is { } p ? $"&paragraph={p}" : "")}#c-{c.Id}");
    }

    public async Task<IActionResult> OnPostReplyAsync(int cid, CancellationToken ct)
    {
        var replied = await commands.ReplyToCommentAsync(cid, Reply.CommentId, Reply.Text, Reply.Key, CommentChannel.WebForm, ct);
        if (replied.Error is { } error)
        {
            if (Problems.ToPage(this, error, "Reply.") is { } status)
            {
                return status;
            }

            return await LoadAsync(cid, ct) ?? Page();
        }

        return Redirect(Link() + $"#c-{replied.Value.Comment.Id}");
    }

    public async Task<IActionResult> OnPostEditAsync(int cid, CancellationToken ct)
    {
        var edited = await commands.EditCommentAsync(cid, Reply.CommentId, Reply.Text, ct);
        if (edited.Error is { } error)
        {
            if (Problems.ToPage(this, error, "Reply.") is { } status)
            {
                return status;
            }

            return await LoadAsync(cid, ct) ?? Page();
        }

        return Redirect(Link() + $"#c-{Reply.CommentId}");
    }

    /// <summary>Whether the author may still correct a comment: the comment's own rule, asked ahead to decide whether to offer the form.</summary>
    public bool CanEdit(CommentView c) =>
        CanWithdraw(c) && Now - c.CreatedAt <= Comment.EditWindow;

    /// <summary>Whether the author may still withdraw a comment: not once answered, and not once the consultation has closed.</summary>
    public bool CanWithdraw(CommentView c) =>
        Me == c.AuthorParticipantId && c.Disposition is null && c.WithdrawnAt is null && Now < Consultation.ClosesAt;

    public async Task<IActionResult> OnPostWithdrawAsync(int cid, long commentId, CancellationToken ct)
    {
        var withdrawn = await commands.WithdrawCommentAsync(cid, commentId, ct);
        if (withdrawn.Error is { } error)
        {
            if (Problems.ToPage(this, error) is { } status)
            {
                return status;
            }

            return await LoadAsync(cid, ct) ?? Page();
        }

        return Redirect(Link() + $"#c-{commentId}");
    }

    public string Link(int? page = null, int? version = null, int? paragraph = -1)
    {
        var q = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null && value.ToString() != "")
            {
                q.Add($"{name}={Uri.EscapeDataString(value.ToString()!)}");
            }
        }

        Add("version", version ?? Version);
        Add("paragraph", paragraph == -1 ? ParagraphFilter : paragraph);
        Add("group", GroupFilter);
        Add("region", RegionFilter);
        Add("disposition", DispositionFilter);
        Add("page", page);
        return $"/consultations/{RouteData.Values["cid"]}" + (q.Count > 0 ? "?" + string.Join("&", q) : "");
    }

    private async Task<IActionResult?> LoadAsync(int cid, CancellationToken ct)
    {
        PageNumber = Kernel.PageNumber.From(Request);
        var found = await commands.ViewAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        var (consultation, process, actor) = found.Value;
        (Process, Consultation) = (process, consultation);
        var now = Now = clock.GetUtcNow();
        var draft = await queries.DraftAsync(process, consultation, Version, now, ct);
        if (draft is null)
        {
            return NotFound();
        }

        Draft = draft;
        var denied = ConsultationPolicy.Comment(actor, process, consultation, now);
        CanComment = denied is null && draft.Version == consultation.LatestVersion;
        CommentBlocked = denied is { Kind: ErrorKind.Conflict or ErrorKind.Forbidden } ? denied.Message : null;
        NeedsToJoin = denied is { Kind: ErrorKind.Unauthenticated or ErrorKind.Forbidden } && consultation.IsOpen(now);
        IsCommittee = ConsultationPolicy.Dispose(actor, process) is null;
        Me = actor.IsParticipant ? await queries.ParticipantIdAsync(process.Id, actor.AccountId, ct) : null;
        ViewData[CommentFormsKey] = this;
        CanConvene = ConsultationPolicy.PublishVersion(actor, process) is null;

        var filter = ConsultationEndpoints.Filter(draft.Version, ParagraphFilter, GroupFilter, RegionFilter, DispositionFilter, PageNumber, null);
        if (filter.Error is not null)
        {
            // A hand-edited address: show everything rather than an error page.
            DispositionFilter = null;
            PageNumber = null;
            filter = ConsultationEndpoints.Filter(draft.Version, ParagraphFilter, GroupFilter, RegionFilter, null, null, null);
        }

        Comments = await queries.CommentsAsync(process, cid, filter.Value with { Collapse = true }, ct);
        return null;
    }
}
