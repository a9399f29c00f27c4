using EqualFooting.FloorQuestions;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.FloorQuestions;

public sealed record GroupVotesDto(int StakeholderGroupId, string StakeholderGroup, int Votes);

public sealed record AnswerLinkDto(int SessionId, long Intervention, string Url);

public sealed record QuestionDto(
    int Id,
    int? SessionId,
    string? Addressee,
    string Text,
    string AskerStakeholderGroup,
    string AskerRegion,
    QuestionStatus Status,
    int Votes,
    IReadOnlyList<GroupVotesDto> VotesByStakeholderGroup,
    int? MergedInto,
    IReadOnlyList<int> Duplicates,
    AnswerLinkDto? AnsweredBy,
    bool MyVote,
    DateTimeOffset AskedAt);

/// <summary>
/// Questions from the floor as lists. A merged duplicate's votes count with the question it was merged into (a person
/// who voted for both counts once). Held questions show only to moderators.
/// </summary>
public sealed class FloorQuestionQueries(EqualFootingDb db)
{
    public async Task<List<QuestionDto>> ListAsync(Process process, Actor actor, int? sessionId, bool balanced, CancellationToken ct = default)
    {
        var moderator = FloorQuestionPolicy.IsModerator(actor);
        var query = db.FloorQuestions.AsNoTracking().Where(q => q.ProcessId == process.Id);
        query = sessionId is { } s ? query.Where(q => q.SessionId == s) : query;
        var questions = await query.OrderBy(q => q.Id).Take(2_000).ToListAsync(ct);
        var ids = questions.Select(q => q.Id).ToList();
        var votes = await db.QuestionVotes.AsNoTracking().Where(v => ids.Contains(v.QuestionId))
            .Select(v => new { v.QuestionId, v.ParticipantId, v.StakeholderGroupId })
            .ToListAsync(ct);
        var me = actor.AccountId is { } account
            ? await db.Participants.Where(p => p.ProcessId == process.Id && p.AccountId == account).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            : null;

        // Each open question gathers its own votes and those of its duplicates.
        var home = questions.ToDictionary(q => q.Id, q => q.Status == QuestionStatus.Merged && q.MergedIntoId is { } into ? into : q.Id);
        var byQuestion = votes
            .GroupBy(v => home.TryGetValue(v.QuestionId, out var h) ? h : v.QuestionId)
            .ToDictionary(g => g.Key, g => g.DistinctBy(v => v.ParticipantId).ToList());
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id);
        var regions = process.Regions.ToDictionary(r => r.Id);

        QuestionDto Describe(FloorQuestion q)
        {
            var mine = byQuestion.TryGetValue(q.Id, out var list) ? list : [];
            var split = mine.GroupBy(v => v.StakeholderGroupId)
                .Select(g => new GroupVotesDto(g.Key, groups.TryGetValue(g.Key, out var sg) ? sg.Name : "", g.Count()))
                .OrderBy(g => groups.TryGetValue(g.StakeholderGroupId, out var sg) ? sg.Position : int.MaxValue)
                .ToList();
            return new QuestionDto(
                q.Id, q.SessionId, q.Addressee, q.Text,
                groups.TryGetValue(q.AskerGroupId, out var ag) ? ag.Name : "",
                regions.TryGetValue(q.AskerRegionId, out var ar) ? ar.Name : "",
                q.Status, mine.Count, split, q.MergedIntoId,
                [.. questions.Where(d => d.MergedIntoId == q.Id && d.Status == QuestionStatus.Merged).Select(d => d.Id)],
                q.AnsweredInSessionId is { } ans && q.AnsweredByIntervention is { } n ? new AnswerLinkDto(ans, n, $"/sessions/{ans}#intervention-{n}") : null,
                me is { } pid && votes.Any(v => v.ParticipantId == pid && home.GetValueOrDefault(v.QuestionId, v.QuestionId) == q.Id),
                q.AskedAt);
        }

        var visible = questions.Where(q => q.Status != QuestionStatus.Merged && (moderator || q.Status != QuestionStatus.Pending)).ToList();
        var ranked = visible.Select(q =>
        {
            var mine = byQuestion.TryGetValue(q.Id, out var list) ? list : [];
            return new RankedQuestion(q.Id, q.AskerGroupId, mine.GroupBy(v => v.StakeholderGroupId).ToDictionary(g => g.Key, g => g.Count()), q.AskedAt);
        });
        var order = balanced ? QuestionOrder.Balanced(ranked) : QuestionOrder.ByVotes(ranked);
        var byId = visible.ToDictionary(q => q.Id);

        // Answered questions go after the open ones, in the same order.
        return [.. order.Select(r => byId[r.Id]).OrderBy(q => q.Status == QuestionStatus.Answered).Select(Describe)];
    }
}
