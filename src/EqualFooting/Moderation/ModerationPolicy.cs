using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Moderation;

/// <summary>Who may report content, and who may hide and restore it.</summary>
public static class ModerationPolicy
{
    /// <summary>Anyone signed in who can see the process may report; joining is not required.</summary>
    public static Error? Report(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process) ?? (!actor.IsSignedIn ? Error.Unauthenticated() : null);

    /// <summary>The process's moderators (and its conveners, who assign them, and administrators) hide and restore content and read the reports.</summary>
    public static Error? Moderate(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the moderators of this process can hide or restore content."));
}
