using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Consultations;

/// <summary>
/// Who may do what in a consultation. Reading is public wherever the process is; conveners run the consultation;
/// the committee (and the conveners) answer comments; participants comment while it is open. Each returns null when
/// allowed, or the error to show.
/// </summary>
public static class ConsultationPolicy
{
    public static Error? View(Actor actor, Process process) => ProcessPolicy.View(actor, process);

    public static Error? Create(Actor actor, Process process) => Convene(actor, process);

    public static Error? Extend(Actor actor, Process process) => Convene(actor, process);

    public static Error? Close(Actor actor, Process process) => Convene(actor, process);

    public static Error? PublishVersion(Actor actor, Process process) => Convene(actor, process);

    public static Error? Dispose(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsCommittee(actor) ? null
            : Error.Forbidden("Only the committee and the conveners of this process can dispose of comments."));

    /// <summary>Running campaign detection on demand: whoever answers the comments decides when to regroup them.</summary>
    public static Error? DetectCampaigns(Actor actor, Process process) => Dispose(actor, process);

    /// <summary>Commenting and replying: every comment carries its author's stakeholder group, so only participants may.</summary>
    public static Error? Comment(Actor actor, Process process, Consultation consultation, DateTimeOffset now) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Forbidden("Join the process, declaring your stakeholder group and region, before commenting.")
            : now < consultation.OpensAt ? Error.Conflict("This consultation is not open for comments yet.")
            : !consultation.IsOpen(now) ? Error.Conflict("This consultation is closed and no longer takes comments.")
            : null);

    /// <summary>
    /// Entering comments that reached the secretariat by e-mail or on paper, in their authors' names. Conveners only,
    /// and they must have joined the process, because the comments are stored as entered by them. Allowed after the
    /// deadline too: submissions sent in time are often typed in later.
    /// </summary>
    public static Error? EnterOnBehalf(Actor actor, Process process, Consultation consultation, DateTimeOffset now) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !(actor.IsAdministrator || actor.Holds(ProcessRole.Convener)) ? Error.Forbidden("Only the process's conveners can enter comments on others' behalf.")
            : !actor.IsParticipant ? Error.Forbidden("Join the process before entering comments on others' behalf: they are stored as entered by you.")
            : now < consultation.OpensAt ? Error.Conflict("This consultation is not open for comments yet.")
            : null);

    /// <summary>Editing or withdrawing one's own comment; that it is one's own is the comment's rule.</summary>
    public static Error? Amend(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Forbidden("Only the author can change a comment.")
            : null);

    public static bool IsCommittee(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Convener) || actor.Holds(ProcessRole.CommitteeMember);

    private static Error? Convene(Actor actor, Process process) =>
        View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the process's conveners can run its consultations."));
}
