using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Decisions;

/// <summary>Who may do what with proposals, positions, appeals and decision duties. Null means allowed.</summary>
public static class DecisionPolicy
{
    /// <summary>Conveners and moderators put proposals and chair them.</summary>
    public static Error? Propose(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Convener) || actor.Holds(ProcessRole.Moderator) ? null
            : Error.Forbidden("Only the process's conveners and moderators can put proposals."));

    /// <summary>The proposal's chair (or its facilitator after escalation), or a convener of the process.</summary>
    public static Error? Chair(Actor actor, Process process, Proposal proposal) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : proposal.Chairs(actor.AccountId) || actor.IsAdministrator || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the proposal's chair or a convener can do this."));

    public static Error? Participate(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Conflict("Join the process first.")
            : null);

    /// <summary>Decision duties (reviewers, facilitators) and council seats are handed out by conveners.</summary>
    public static Error? Appoint(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the process's conveners can appoint reviewers, facilitators and seat holders."));

    /// <summary>
    /// A reviewer rules on appeals, never on a proposal they chair or facilitate: an independent review is the point
    /// (the failed working group of seed 001 had none).
    /// </summary>
    public static Error? Review(Actor actor, Process process, Proposal proposal, bool isReviewer) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : proposal.Chairs(actor.AccountId) ? Error.Forbidden("The chair of a proposal cannot review appeals against it.")
            : isReviewer ? null
            : Error.Forbidden("Only the process's reviewers rule on appeals."));
}
