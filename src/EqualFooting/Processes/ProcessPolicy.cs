using EqualFooting.Common;
using EqualFooting.Participation;

namespace EqualFooting.Processes;

/// <summary>
/// Every authorisation rule about a process and its participation, in one place. Each returns null when allowed,
/// or the error to show; every write calls one of these before changing anything.
/// </summary>
public static class ProcessPolicy
{
    /// <summary>Drafts are seen only by those preparing them; everything else is public, even to anonymous readers.</summary>
    public static Error? View(Actor actor, Process process) =>
        process.Status != ProcessStatus.Draft || actor.IsAdministrator || actor.Holds(ProcessRole.Convener) || actor.Holds(ProcessRole.CommitteeMember)
            ? null
            : Error.NotFound("No such process.");

    /// <param name="openCreation">The instance setting that lets any account convene a process, not just administrators.</param>
    public static Error? Create(Actor actor, bool openCreation) =>
        !actor.IsSignedIn ? Error.Unauthenticated()
        : actor.IsAdministrator || openCreation ? null
        : Error.Forbidden("Only administrators of this site can create processes.");

    public static Error? Edit(Actor actor, Process process) => Convene(actor, process);

    public static Error? ManageCategories(Actor actor, Process process) => Convene(actor, process);

    public static Error? AssignRoles(Actor actor, Process process) => Convene(actor, process);

    public static Error? Join(Actor actor, Process process) =>
        View(actor, process) ?? (!actor.IsSignedIn ? Error.Unauthenticated() : null);

    public static Error? ChangeAffiliation(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Conflict("Join the process first.")
            : null);

    private static Error? Convene(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the process's conveners can do this."));
}
