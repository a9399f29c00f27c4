namespace EqualFooting.Web.Polls;

public sealed record PollsSectionModel(int ProcessId, IReadOnlyList<PollDto> Polls, bool CanRun);

/// <summary>The process page's list of polls, with the form to open one for those who run polls.</summary>
public sealed class PollsSection(PollQueries polls, TimeProvider clock) : ProcessSection
{
    public override int Order => 150;

    public override string Partial => "/Polls/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new PollsSectionModel(
            context.Process.Id,
            await polls.ListAsync(context.Process.Id, null, clock.GetUtcNow(), ct),
            EqualFooting.Polls.PollPolicy.Run(context.Actor, context.Process) is null);
}
