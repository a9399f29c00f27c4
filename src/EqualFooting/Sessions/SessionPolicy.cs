using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Sessions;

/// <summary>
/// Who may do what with a session, in one place. Reading follows the process: public unless the process is a draft.
/// Moderators and conveners run sessions; rapporteurs follow the moderator's console to write their report;
/// participants raise and lower their own hands. Each returns null when allowed, or the error to show.
/// </summary>
public static class SessionPolicy
{
    public static Error? View(Actor actor, Process process) => ProcessPolicy.View(actor, process);

    /// <summary>Scheduling sessions and building their agenda.</summary>
    public static Error? Schedule(Actor actor, Process process) => Run(actor, process);

    /// <summary>Starting and ending a session, giving the floor, closing the queue, the agenda and timing, adding a person in the room without a device.</summary>
    public static Error? Moderate(Actor actor, Process process) => Run(actor, process);

    /// <summary>The moderator's console, read-only for a rapporteur, who needs the queue and overrides for the report.</summary>
    public static Error? ViewConsole(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsRunner(actor) || actor.Holds(ProcessRole.Rapporteur) ? null
            : Error.Forbidden("Only the session's moderators, conveners and rapporteurs can see the console."));

    /// <summary>A participant's own hand: it takes an affiliation, so the queue knows whom the speaker speaks for.</summary>
    public static Error? RaiseOwnHand(Actor actor, Process process, Session session, bool remote) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Conflict("Join the process with your stakeholder group and region before raising your hand.")
            : remote && !session.RemoteParticipation ? Error.Conflict("This session takes no remote hands.", "remote")
            : null);

    public static Error? LowerOwnHand(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Conflict("Join the process first.")
            : null);

    /// <summary>Raising or lowering a remote hub's hand: its operator, or a moderator on the hub's behalf.</summary>
    public static Error? OperateHub(Actor actor, Process process, Session session, RemoteHub hub) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !IsRunner(actor) && !hub.IsOperatedBy(actor.AccountId) ? Error.Forbidden("Only the hub's operator and the session's moderators can raise or lower the hub's hand.")
            : !session.RemoteParticipation ? Error.Conflict("This session takes no remote hands.")
            : null);

    /// <summary>
    /// Importing transcripts and mapping speaker names to participants: conveners only, since a mapping decides whose
    /// group every imported intervention counts for in the process's statistics.
    /// </summary>
    public static Error? ImportTranscript(Actor actor, Process process) => ProcessPolicy.Edit(actor, process);

    public static Error? MapSpeakers(Actor actor, Process process) => ProcessPolicy.Edit(actor, process);

    private static bool IsRunner(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener);

    private static Error? Run(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsRunner(actor) ? null
            : Error.Forbidden("Only the process's moderators and conveners can run sessions."));
}
