using EqualFooting.Common;
using Microsoft.Extensions.Localization;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Sessions;

/// <summary>
/// What the session's three pages share: loading the state, and answering a posted form by redirecting back to
/// the page (so a refresh does not post again) or, on an expected failure, showing the page with the message.
/// </summary>
public abstract class SessionPageBase(SessionCommands commands, SessionQueries queries) : PageModel
{
    public SessionContext Context { get; private set; } = null!;

    public SessionStateDto State { get; private set; } = null!;

    public bool CanModerate { get; private set; }

    public bool CanViewConsole { get; private set; }

    protected SessionCommands Commands => commands;

    protected SessionQueries Queries => queries;

    /// <summary>Loads the session; returns the result to send instead of the page when it cannot be shown.</summary>
    protected async Task<IActionResult?> LoadAsync(int sessionId, CancellationToken ct)
    {
        var found = await commands.FindAsync(sessionId, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Context = found.Value;
        State = await queries.StateAsync(Context, ct);
        CanModerate = SessionPolicy.Moderate(Context.Actor, Context.Process) is null;
        CanViewConsole = SessionPolicy.ViewConsole(Context.Actor, Context.Process) is null;
        return null;
    }

    /// <summary>After a form's use case: back to the page on success (so a refresh does not post again), the page with the error otherwise.</summary>
    protected async Task<IActionResult> AfterAsync<T>(int sessionId, Result<T> result, Func<Task<IActionResult>> show)
    {
        if (result.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await show();
        }

        return RedirectToPage(new { sessionId });
    }
}

/// <summary>How the pages write durations and shares.</summary>
public static class SessionFormat
{
    /// <summary>"4:05", or "1:02:03" past an hour: the way a moderator's stopwatch reads.</summary>
    public static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
    }

    public static string Percent(double share) => $"{share * 100:0}%";

    // Spelled out rather than computed from the enum name, so every key is a literal the translation guard can see.
    public static LocalizedString Status(IStringLocalizer L, SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => L["Scheduled"],
        SessionStatus.Running => L["Running"],
        _ => L["Ended"],
    };

    /// <summary>A group's name in statistics, where imported transcripts add two keys outside the process's groups.</summary>
    public static string Group(IStringLocalizer L, int id, string name) => id switch
    {
        ImportedSpeaking.Unaffiliated => L["Unaffiliated"],
        ImportedSpeaking.NotMapped => L["Not mapped"],
        _ => name,
    };

    public static string Region(IStringLocalizer L, int id, string name) => id switch
    {
        ImportedSpeaking.Unaffiliated => L["No region"],
        ImportedSpeaking.NotMapped => L["Not mapped"],
        _ => name,
    };

    /// <summary>", point of order" and the like after a hand or a turn; nothing for an ordinary one.</summary>
    public static string KindSuffix(IStringLocalizer L, HandKind kind) => kind switch
    {
        HandKind.PointOfOrder => ", " + L["point of order"],
        HandKind.InterposedQuestion => ", " + L["interposed question"],
        HandKind.FollowUp => ", " + L["follow-up"],
        _ => "",
    };

    public static LocalizedString Policy(IStringLocalizer L, QueuePolicyKind policy) => policy switch
    {
        QueuePolicyKind.FirstComeFirstServed => L["First come, first served"],
        QueuePolicyKind.FirstTimeSpeakersFirst => L["First-time speakers first"],
        QueuePolicyKind.RoundRobinByGroup => L["One microphone per stakeholder group, in turn"],
        QueuePolicyKind.SpeakingTimeBudget => L["Speaking-time budget per group"],
        _ => L["WSIS rule: governments first, others at the end of each item"],
    };
}
