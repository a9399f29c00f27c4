using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Sessions;

/// <summary>
/// Who may do what with breakout rounds. Reading follows the process, as for sessions: reports are part of the public
/// record of what a session produced. Moderators and conveners split the room and arrange the groups, while the
/// session is not over. A group's report is written by its members (its rapporteur among them) and by the process's
/// rapporteurs, who often hold the pen for a group; moderators, who chair rather than take part, do not write a
/// group's report unless they are in the group. Rapporteurs, moderators and conveners follow the progress and send
/// reminders, also after the session has ended, since reports often come in afterwards.
/// </summary>
public static class BreakoutPolicy
{
    public static Error? View(Actor actor, Process process) => ProcessPolicy.View(actor, process);

    /// <summary>Creating a round, moving people between groups, choosing a group's rapporteur.</summary>
    public static Error? Arrange(Actor actor, Process process, Session session) =>
        SessionPolicy.Moderate(actor, process)
        ?? (session.Status == SessionStatus.Ended ? Error.Conflict("The session has ended.") : null);

    /// <summary>The rapporteur's view: progress, reminders and the compiled report.</summary>
    public static Error? FollowUp(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener) || actor.Holds(ProcessRole.Rapporteur) ? null
            : Error.Forbidden("Only the process's rapporteurs, moderators and conveners follow up breakout reports."));

    /// <param name="participantId">The actor's participant id in the process, if they joined it.</param>
    public static Error? WriteReport(Actor actor, Process process, Breakout breakout, int groupNumber, int? participantId) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.Holds(ProcessRole.Rapporteur) ? null
            : participantId is { } me && (breakout.MemberOf(me)?.GroupNumber == groupNumber || breakout.Group(groupNumber)?.RapporteurParticipantId == me) ? null
            : Error.Forbidden("Only the group's members and the process's rapporteurs can write this report."));
}
