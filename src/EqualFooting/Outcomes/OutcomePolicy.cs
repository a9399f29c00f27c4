using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Outcomes;

/// <summary>Who may do what with a process's outcomes. Null means allowed. Reading published outcomes is public.</summary>
public static class OutcomePolicy
{
    /// <summary>The rapporteur drafts a session's report (IGF: the rapporteur writes, the moderator approves).</summary>
    public static Error? DraftReport(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Rapporteur) ? null
            : Error.Forbidden("Only the process's rapporteurs draft session reports."));

    /// <summary>Only a moderator publishes a report; the rapporteur who drafted it cannot approve it alone.</summary>
    public static Error? PublishReport(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) ? null
            : Error.Forbidden("Only the process's moderators publish session reports."));

    /// <summary>Drafts are read by those who write and approve them; published reports by everyone.</summary>
    public static bool ReadsDrafts(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Rapporteur) || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener);

    /// <summary>Messages, commitments, indicators, advice and the outcome settings speak for the process: its conveners.</summary>
    public static Error? Publish(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : actor.IsAdministrator || actor.Holds(ProcessRole.Convener) ? null
            : Error.Forbidden("Only the process's conveners publish outcomes."));
}
