namespace EqualFooting.Sessions;

public enum QueuePolicyKind
{
    FirstComeFirstServed,
    FirstTimeSpeakersFirst,
    RoundRobinByGroup,
    SpeakingTimeBudget,
    WsisRule,
}

/// <summary>Everything a policy may look at: the hands waiting, the interventions of the session so far, and now.</summary>
/// <param name="Now">Only the budget policy uses it, to count an ongoing intervention up to this moment.</param>
public sealed record QueueContext(
    IReadOnlyList<QueueEntry> Waiting,
    IReadOnlyList<Intervention> Interventions,
    DateTimeOffset Now);

/// <summary>
/// A rule for who speaks next. Each policy is a pure function of its settings and a <see cref="QueueContext"/>.
/// The base class owns the guarantees every policy shares, so no policy can break them: points of order come first,
/// then interposed questions, then follow-ups, each in the order they were raised, before the ordinary hands the
/// policy orders (as OpenSlides and parliamentary lists of speakers put them); every waiting hand appears exactly once, and the order of the input list does not
/// matter (entries are put in raise order before the policy sees them).
/// </summary>
public abstract class QueuePolicy
{
    public abstract QueuePolicyKind Kind { get; }

    public IReadOnlyList<QueueEntry> Order(QueueContext context)
    {
        var byRaise = context.Waiting.Order(QueueEntry.RaiseOrder).ToList();
        var pointsOfOrder = byRaise.Where(e => e.Kind == HandKind.PointOfOrder);
        var questions = byRaise.Where(e => e.Kind == HandKind.InterposedQuestion);
        var followUps = byRaise.Where(e => e.Kind == HandKind.FollowUp);
        var hands = byRaise.Where(e => e.Kind == HandKind.Normal).ToList();
        var ordered = pointsOfOrder.Concat(questions).Concat(followUps).Concat(OrderHands(hands, context)).ToList();

        // A policy that lost or doubled a hand would silently take someone's turn away; fail loudly instead.
        if (ordered.Count != byRaise.Count || ordered.Distinct().Count() != ordered.Count)
        {
            throw new InvalidOperationException($"{GetType().Name} did not return each waiting hand exactly once.");
        }

        return ordered;
    }

    /// <summary>The suggested next speaker, or null when nobody is waiting.</summary>
    public QueueEntry? Next(QueueContext context) => Order(context) is [var first, ..] ? first : null;

    /// <summary>
    /// Whether this policy lets a new hand into a closed queue. By default nobody gets in; a policy that favours
    /// newcomers may let someone in who has not spoken yet in this session.
    /// </summary>
    public virtual bool AdmitsWhenClosed(Speaker speaker, IReadOnlyList<Intervention> interventions) => false;

    /// <param name="hands">The waiting normal hands, already in raise order; points of order, interposed questions and follow-ups are handled by the base.</param>
    protected abstract IEnumerable<QueueEntry> OrderHands(IReadOnlyList<QueueEntry> hands, QueueContext context);
}
