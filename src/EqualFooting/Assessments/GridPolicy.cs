using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Assessments;

/// <summary>
/// Who may do what with assessment grids. Reading follows the process; conveners and moderators create, close and run
/// grids again; participants answer; a breakout group's consensus value is entered by its rapporteur (or by one of the
/// process's rapporteurs, who often hold the pen for a group).
/// </summary>
public static class GridPolicy
{
    public static Error? View(Actor actor, Process process) => ProcessPolicy.View(actor, process);

    public static Error? Run(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsRunner(actor) ? null
            : Error.Forbidden("Only the process's moderators and conveners can run assessment grids."));

    public static Error? Answer(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Forbidden("Only participants of this process can answer: join it with your stakeholder group and region first.")
            : null);

    /// <param name="rapporteurParticipantId">The group's rapporteur.</param>
    /// <param name="participantId">The actor's participant id in the process, if they joined it.</param>
    public static Error? EnterConsensus(Actor actor, Process process, int? rapporteurParticipantId, int? participantId) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.Holds(ProcessRole.Rapporteur) || (participantId is { } me && me == rapporteurParticipantId) ? null
            : Error.Forbidden("Only the group's rapporteur (or one of the process's rapporteurs) enters the value the group agreed."));

    public static bool IsRunner(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener);
}
