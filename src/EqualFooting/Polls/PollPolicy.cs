using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Polls;

/// <summary>Who may do what with a poll. Reading follows the process; moderators and conveners run polls; participants cast ballots.</summary>
public static class PollPolicy
{
    public static Error? View(Actor actor, Process process) => ProcessPolicy.View(actor, process);

    /// <summary>Creating, configuring and closing polls and entering hand counts.</summary>
    public static Error? Run(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsRunner(actor) ? null
            : Error.Forbidden("Only the process's moderators and conveners can run polls and count hands."));

    /// <summary>
    /// A poll closes itself only when it was given a time to close (a sense of the room): no actor stands behind
    /// that close, so it is allowed for polls with a deadline and nothing else; the use case checks the time has come.
    /// </summary>
    public static Error? CloseWhenDue(Poll poll) =>
        poll.ClosesAt is null ? Error.Forbidden("This poll has no time to close at; a moderator closes it.") : null;

    public static Error? Vote(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Forbidden("Only participants of this process can vote: join it with your stakeholder group and region first.")
            : null);

    /// <summary>Results of a poll whose results wait for its close: only those running it see them while it is open.</summary>
    public static bool SeesResults(Actor actor, Poll poll) =>
        poll.Status == PollStatus.Closed || poll.ResultsWhileOpen || IsRunner(actor);

    public static bool IsRunner(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener);
}
