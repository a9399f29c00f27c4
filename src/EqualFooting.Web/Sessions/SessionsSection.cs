using EqualFooting.Processes;
using EqualFooting.Sessions;

namespace EqualFooting.Web.Sessions;

public sealed record SessionsSectionModel(int ProcessId, IReadOnlyList<SessionSummaryDto> Sessions, bool CanSchedule, bool CanConvene);

/// <summary>The process page's list of sessions, with scheduling and transcript links for those who may use them.</summary>
public sealed class SessionsSection(SessionQueries sessions) : ProcessSection
{
    public override int Order => 100;

    public override string Partial => "/Sessions/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new SessionsSectionModel(
            context.Process.Id,
            await sessions.ListAsync(context.Process.Id, ct),
            SessionPolicy.Schedule(context.Actor, context.Process) is null,
            ProcessPolicy.Edit(context.Actor, context.Process) is null);
}
