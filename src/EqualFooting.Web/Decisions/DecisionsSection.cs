using EqualFooting.Decisions;

namespace EqualFooting.Web.Decisions;

public sealed record DecisionsSectionModel(int ProcessId, IReadOnlyList<ProposalSummary> Proposals, IReadOnlyList<StatementSummary> Statements, bool CanPropose);

/// <summary>The process page's proposals, each with its rule and outcome, and its statements with their status.</summary>
public sealed class DecisionsSection(DecisionQueries queries, StatementQueries statements) : ProcessSection
{
    public override int Order => 250;

    public override string Partial => "/Decisions/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new DecisionsSectionModel(context.Process.Id, await queries.ListAsync(context.Process.Id, ct), await statements.ListAsync(context.Process.Id, ct), DecisionPolicy.Propose(context.Actor, context.Process) is null);
}
