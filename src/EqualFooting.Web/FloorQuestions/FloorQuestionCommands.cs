using EqualFooting.Common;
using EqualFooting.FloorQuestions;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.FloorQuestions;

public sealed record QuestionContext(FloorQuestion Question, Process Process, Actor Actor);

public sealed record AskRequest(string? Text, string? Addressee, int? SessionId);

public sealed record MergeRequest(int? Into);

/// <param name="SessionId">The session whose intervention answered; the question's own session when it has one.</param>
/// <param name="Intervention">The intervention's number in that session (1, 2, 3…).</param>
public sealed record AnswerRequest(int? SessionId, long? Intervention);

/// <summary>Who may do what with questions from the floor: participants ask and upvote; moderators and conveners review, merge and mark answered.</summary>
public static class FloorQuestionPolicy
{
    public static Error? Ask(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : !actor.IsParticipant ? Error.Forbidden("Only participants of this process can ask and upvote questions: join it first.")
            : null);

    public static Error? Moderate(Actor actor, Process process) =>
        ProcessPolicy.View(actor, process)
        ?? (!actor.IsSignedIn ? Error.Unauthenticated()
            : IsModerator(actor) ? null
            : Error.Forbidden("Only the process's moderators and conveners can review questions."));

    public static bool IsModerator(Actor actor) =>
        actor.IsAdministrator || actor.Holds(ProcessRole.Moderator) || actor.Holds(ProcessRole.Convener);
}

/// <summary>
/// The use cases of questions from the floor, through <see cref="Writes"/>. An upvote is a row keyed by question and
/// participant: the same vote again writes nothing, and two at once store one (the key decides).
/// </summary>
public sealed class FloorQuestionCommands(EqualFootingDb db, ProcessAccess processes, Writes writes, IConfiguration configuration)
{
    /// <summary>Whether new questions wait for a moderator's approval before they show (an instance setting for now).</summary>
    public bool HoldForReview => configuration.GetValue("FloorQuestions:HoldForReview", false);

    public async Task<Result<QuestionContext>> FindAsync(int questionId, CancellationToken ct = default)
    {
        var question = await db.FloorQuestions.FirstOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null)
        {
            return Error.NotFound("No such question.");
        }

        var found = await processes.FindAsync(question.ProcessId, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such question.") : error;
        }

        return new QuestionContext(question, found.Value.Process, found.Value.Actor);
    }

    public Task<Result<FloorQuestion>> AskAsync(int processId, AskRequest request, CancellationToken ct = default) =>
        writes.RunAsync(
            token => processes.LoadAsync(processId, token),
            c => FloorQuestionPolicy.Ask(c.Actor, c.Process),
            async (c, now) =>
            {
                if (request.SessionId is { } sessionId && !await db.Sessions.AnyAsync(s => s.Id == sessionId && s.ProcessId == processId, ct))
                {
                    return Error.Invalid("sessionId", "That session is not part of this process.");
                }

                var me = await AffiliationAsync(processId, c.Actor, ct);
                if (me is null)
                {
                    return Error.Forbidden("Only participants of this process can ask questions.");
                }

                var asked = FloorQuestion.Ask(processId, request.SessionId, request.Addressee, request.Text, me.Value.ParticipantId, me.Value.GroupId, me.Value.RegionId, HoldForReview, now);
                if (asked.Error is { } invalid)
                {
                    return invalid;
                }

                var question = asked.Value;
                db.FloorQuestions.Add(question);
                return (Result<Change<FloorQuestion>>)Change.Recorded(question, processId, FloorQuestionRecord.Asked, () => new QuestionEntry(question.Id, question.SessionId, question.Status));
            },
            ct);

    /// <returns>True when this call stored the vote; false when the participant had already voted.</returns>
    public Task<Result<bool>> UpvoteAsync(int questionId, CancellationToken ct = default) =>
        writes.RunAsync(
            token => FindAsync(questionId, token),
            c => FloorQuestionPolicy.Ask(c.Actor, c.Process),
            async (c, now) =>
            {
                if (!c.Question.AcceptsVotes)
                {
                    return Error.Conflict("Only approved questions that are not yet answered take votes.");
                }

                var me = await AffiliationAsync(c.Process.Id, c.Actor, ct);
                if (me is null)
                {
                    return Error.Forbidden("Only participants of this process can upvote.");
                }

                if (await db.QuestionVotes.AnyAsync(v => v.QuestionId == questionId && v.ParticipantId == me.Value.ParticipantId, ct))
                {
                    return Change.None(false);
                }

                db.QuestionVotes.Add(QuestionVote.Cast(questionId, me.Value.ParticipantId, me.Value.GroupId, me.Value.RegionId, now));
                return (Result<Change<bool>>)Change.Recorded(true, c.Process.Id, FloorQuestionRecord.Upvoted, () => new QuestionEntry(questionId, c.Question.SessionId, c.Question.Status))
                    .OnDuplicate(_ => Task.FromResult<Result<bool>?>(false));
            },
            ct);

    public Task<Result<bool>> ApproveAsync(int questionId, CancellationToken ct = default) =>
        ModerateAsync(questionId, c => c.Question.Approve(), FloorQuestionRecord.Approved, ct);

    public Task<Result<bool>> HoldAsync(int questionId, CancellationToken ct = default) =>
        ModerateAsync(questionId, c => c.Question.Hold(), FloorQuestionRecord.Held, ct);

    public Task<Result<bool>> MergeAsync(int questionId, int? into, CancellationToken ct = default) =>
        writes.RunAsync(
            token => FindAsync(questionId, token),
            c => FloorQuestionPolicy.Moderate(c.Actor, c.Process),
            async (c, _) =>
            {
                var target = into is { } id ? await db.FloorQuestions.FirstOrDefaultAsync(q => q.Id == id, ct) : null;
                if (target is null)
                {
                    return Error.Invalid("into", "Choose the question to merge this one into.");
                }

                var merged = c.Question.MergeInto(target);
                return merged.Error is { } error ? error
                    : !merged.Value ? Change.None(false)
                    : (Result<Change<bool>>)Change.Recorded(true, c.Process.Id, FloorQuestionRecord.Merged, () => new QuestionMergedEntry(questionId, target.Id));
            },
            ct);

    public Task<Result<bool>> AnswerAsync(int questionId, AnswerRequest request, CancellationToken ct = default) =>
        writes.RunAsync(
            token => FindAsync(questionId, token),
            c => FloorQuestionPolicy.Moderate(c.Actor, c.Process),
            async (c, now) =>
            {
                var sessionId = request.SessionId ?? c.Question.SessionId;
                if (sessionId is null || request.Intervention is not { } number)
                {
                    return Error.Invalid("intervention", "Name the intervention that answered the question.");
                }

                if (!await db.Interventions.AnyAsync(i => i.SessionId == sessionId && i.Number == number && db.Sessions.Any(s => s.Id == sessionId && s.ProcessId == c.Process.Id), ct))
                {
                    return Error.Invalid("intervention", "No such intervention in that session.");
                }

                var answered = c.Question.MarkAnswered(sessionId.Value, number, now);
                return answered.Error is { } error ? error
                    : !answered.Value ? Change.None(false)
                    : (Result<Change<bool>>)Change.Recorded(true, c.Process.Id, FloorQuestionRecord.Answered, () => new QuestionAnsweredEntry(questionId, sessionId.Value, number));
            },
            ct);

    private Task<Result<bool>> ModerateAsync(int questionId, Func<QuestionContext, Result<bool>> step, EqualFooting.Record.RecordAction<QuestionEntry> action, CancellationToken ct) =>
        writes.RunAsync(
            token => FindAsync(questionId, token),
            c => FloorQuestionPolicy.Moderate(c.Actor, c.Process),
            (c, _) =>
            {
                var done = step(c);
                return done.Error is { } error ? error
                    : !done.Value ? Change.None(false)
                    : (Result<Change<bool>>)Change.Recorded(true, c.Process.Id, action, () => new QuestionEntry(questionId, c.Question.SessionId, c.Question.Status));
            },
            ct);

    private Task<(int ParticipantId, int GroupId, int RegionId)?> AffiliationAsync(int processId, Actor actor, CancellationToken ct) =>
        Participation.CurrentAffiliation.OfAsync(db, processId, actor.AccountId, ct);
}
