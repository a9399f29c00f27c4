using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Conversations;

/// <summary>
/// Who may do what in a conversation. Reading is public wherever the process is; conveners start and close
/// conversations; moderators (and conveners) moderate statements; participants vote and add statements while it is
/// open, because every vote is counted under the voter's stakeholder group. Each returns null when allowed.
/// </summary>
public static class ConversationPolicy
{
    public static Error? View(Actor actor, Process process) => ProcessPolicy.View(actor, process);

    public static Error? Start(Actor actor, Process process) => Convene(actor, process);

    public static Error? Close(Actor actor, Process process) => Convene(actor, process);

    public static Error? Moderate(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsModerator(actor) ? null
            : Error.Forbidden("Only the process's moderators and conveners can moderate statements."));

    /// <summary>Voting and adding statements: participants only, while the conversation is open.</summary>
    public static Error? Take(Actor actor, Process process, Conversation conversation) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Forbidden("Join the process, declaring your stakeholder group and region, before taking part in its conversations.")
            : !conversation.IsOpen ? Error.Conflict("This conversation is closed.")
            : null);

    public static bool IsModerator(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Convener) || actor.Holds(ProcessRole.Moderator);

    private static Error? Convene(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the process's conveners can start or close conversations."));
}
