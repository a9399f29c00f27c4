using EqualFooting.Persistence;
using EqualFooting.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions;

/// <summary>The participants' page of a session: the queue, who has the floor, one's own hand, and who has been heard.</summary>
public sealed partial class SessionModel(SessionCommands commands, SessionQueries queries, EqualFootingDb db, Breakouts.BreakoutCommands breakouts, Breakouts.BreakoutQueries breakoutQueries, Attendance.AttendanceCommands attendanceCommands, Attendance.AttendanceQueries attendanceQueries) : SessionPageBase(commands, queries)
{
    public SessionStatisticsDto Statistics { get; private set; } = null!;

    /// <summary>Each turn at the floor, with the id <c>intervention-n</c> that answered questions link to.</summary>
    public IReadOnlyList<InterventionDto> Interventions { get; private set; } = [];

    /// <summary>Null when the actor is not a participant of the process.</summary>
    public int? MyParticipantId { get; private set; }

    /// <summary>The latest breakout round the actor is in, if any.</summary>
    public Breakouts.MyBreakout? MyBreakout { get; private set; }

    public WaitingDto? MyHand => State.Queue.FirstOrDefault(w => w.Speaker.Kind == SpeakerKind.Participant && w.Speaker.Id == MyParticipantId);

    public Task<IActionResult> OnGetAsync(int sessionId, CancellationToken ct) => ShowAsync(sessionId, ct);

    public async Task<IActionResult> OnPostRaiseAsync(int sessionId, bool remote, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RaiseHandAsync(sessionId, remote, HandKind.Normal, ct), () => ShowAsync(sessionId, ct));

    /// <summary>A procedural objection: it goes before every other hand, whatever the queue's policy.</summary>
    public async Task<IActionResult> OnPostPointOfOrderAsync(int sessionId, bool remote, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RaiseHandAsync(sessionId, remote, HandKind.PointOfOrder, ct), () => ShowAsync(sessionId, ct));

    /// <summary>A short question to the speaker at the floor, heard after points of order, with its own time.</summary>
    public async Task<IActionResult> OnPostInterposedQuestionAsync(int sessionId, bool remote, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RaiseHandAsync(sessionId, remote, HandKind.InterposedQuestion, ct), () => ShowAsync(sessionId, ct));

    /// <summary>A short reply to what was just said, heard before ordinary hands, with its own time.</summary>
    public async Task<IActionResult> OnPostFollowUpAsync(int sessionId, bool remote, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RaiseHandAsync(sessionId, remote, HandKind.FollowUp, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostLowerAsync(int sessionId, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.LowerHandAsync(sessionId, ct), () => ShowAsync(sessionId, ct));

    private async Task<IActionResult> ShowAsync(int sessionId, CancellationToken ct)
    {
        if (await LoadAsync(sessionId, ct) is { } instead)
        {
            return instead;
        }

        Statistics = await Queries.StatisticsAsync(Context, ct);
        Attendance = await attendanceQueries.SummaryAsync(Context, ct);
        Interventions = await Queries.InterventionsAsync(Context, ct);
        MyHubs = await MyHubsAsync(ct);
        if (Context.Actor.AccountId is { } account && Context.Actor.IsParticipant)
        {
            MyParticipantId = await db.Participants
                .Where(p => p.ProcessId == Context.Process.Id && p.AccountId == account)
                .Select(p => (int?)p.Id)
                .FirstOrDefaultAsync(ct);
        }

        if (MyParticipantId is { } me && await breakoutQueries.LatestGroupOfAsync(sessionId, me, ct) is { } mine
            && await breakouts.FindAsync(mine.BreakoutId, ct) is { IsSuccess: true } round)
        {
            MyBreakout = new Breakouts.MyBreakout(await breakoutQueries.ViewAsync(round.Value, ct), mine.Group);
        }

        return Page();
    }
}
