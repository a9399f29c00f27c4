using EqualFooting.Accounts;
using EqualFooting.Assessments;
using EqualFooting.Consultations;
using EqualFooting.Conversations;
using EqualFooting.Decisions;
using EqualFooting.FloorQuestions;
using EqualFooting.Mail;
using EqualFooting.Moderation;
using EqualFooting.Notifications;
using EqualFooting.Participation;
using EqualFooting.Polls;
using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Record;
using EqualFooting.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Persistence;

/// <summary>
/// The database. It is also the repository: features query it with LINQ directly. Each provider has a subclass so
/// each keeps its own migrations (SQLite and PostgreSQL types differ), while the model is defined once here.
/// </summary>
public abstract class EqualFootingDb(DbContextOptions options) : IdentityDbContext<Account>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every web node through the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Process> Processes => Set<Process>();

    public DbSet<StakeholderGroup> StakeholderGroups => Set<StakeholderGroup>();

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Affiliation> Affiliations => Set<Affiliation>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<RecordEntry> Record => Set<RecordEntry>();

    public DbSet<RecordLogState> RecordLog => Set<RecordLogState>();

    public DbSet<RecordLogNode> RecordLogNodes => Set<RecordLogNode>();

    public DbSet<RecordTreeHead> RecordTreeHeads => Set<RecordTreeHead>();

    public DbSet<RecordReceipt> RecordReceipts => Set<RecordReceipt>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<InterventionRow> Interventions => Set<InterventionRow>();

    public DbSet<QueueEventRow> QueueEvents => Set<QueueEventRow>();

    public DbSet<RemoteHub> RemoteHubs => Set<RemoteHub>();

    public DbSet<ImportedInterventionRow> ImportedInterventions => Set<ImportedInterventionRow>();

    public DbSet<SpeakerNameMapping> SpeakerNames => Set<SpeakerNameMapping>();
    public DbSet<Breakout> Breakouts => Set<Breakout>();

    public DbSet<TableDeclaration> TableDeclarations => Set<TableDeclaration>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<DraftVersion> DraftVersions => Set<DraftVersion>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CommentCampaign> Campaigns => Set<CommentCampaign>();

    public DbSet<Poll> Polls => Set<Poll>();

    public DbSet<Ballot> Ballots => Set<Ballot>();

    public DbSet<HandCount> HandCounts => Set<HandCount>();

    public DbSet<AssessmentGrid> AssessmentGrids => Set<AssessmentGrid>();

    public DbSet<GridAnswer> GridAnswers => Set<GridAnswer>();

    public DbSet<GridConsensus> GridConsensus => Set<GridConsensus>();

    public DbSet<FloorQuestion> FloorQuestions => Set<FloorQuestion>();

    public DbSet<QuestionVote> QuestionVotes => Set<QuestionVote>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<ProposalPosition> ProposalPositions => Set<ProposalPosition>();

    public DbSet<ProposalProxy> ProposalProxies => Set<ProposalProxy>();

    public DbSet<ObjectionResponse> ObjectionResponses => Set<ObjectionResponse>();

    public DbSet<MinorityView> MinorityViews => Set<MinorityView>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<DecisionDuty> DecisionDuties => Set<DecisionDuty>();

    public DbSet<SeatHolder> SeatHolders => Set<SeatHolder>();

    public DbSet<RuleChange> RuleChanges => Set<RuleChange>();

    public DbSet<DecisionStatement> DecisionStatements => Set<DecisionStatement>();

    public DbSet<StatementRatification> StatementRatifications => Set<StatementRatification>();

    public DbSet<ProcessPrivacy> ProcessPrivacy => Set<ProcessPrivacy>();

    public DbSet<ContentReport> ContentReports => Set<ContentReport>();

    public DbSet<CommentHiding> CommentHidings => Set<CommentHiding>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<NoticeDigest> NoticeDigests => Set<NoticeDigest>();

    public DbSet<NoticeFanout> NoticeFanouts => Set<NoticeFanout>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Statement> Statements => Set<Statement>();

    public DbSet<StatementVote> StatementVotes => Set<StatementVote>();

    public DbSet<Outcomes.SessionReport> SessionReports => Set<Outcomes.SessionReport>();

    public DbSet<Outcomes.OutcomeSettings> OutcomeSettings => Set<Outcomes.OutcomeSettings>();

    public DbSet<Outcomes.Message> Messages => Set<Outcomes.Message>();

    public DbSet<Outcomes.Commitment> Commitments => Set<Outcomes.Commitment>();

    public DbSet<Outcomes.Milestone> Milestones => Set<Outcomes.Milestone>();

    public DbSet<Outcomes.Advice> Advice => Set<Outcomes.Advice>();

    public DbSet<Outcomes.Indicator> Indicators => Set<Outcomes.Indicator>();

    public DbSet<Outcomes.IndicatorPoint> IndicatorPoints => Set<Outcomes.IndicatorPoint>();

    public DbSet<Outcomes.IndicatorEvent> IndicatorEvents => Set<Outcomes.IndicatorEvent>();

    public DbSet<Outcomes.OutcomeReminder> OutcomeReminders => Set<Outcomes.OutcomeReminder>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Replace<ForeignKeyIndexConvention>(services => new UnindexedForeignKeys(services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EqualFootingDb).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardRecord();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardRecord();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardRecord()
    {
        if (ChangeTracker.Entries<RecordEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The record is append-only: entries are never changed or removed.");
        }
    }
}

public sealed class SqliteEqualFootingDb(DbContextOptions<SqliteEqualFootingDb> options) : EqualFootingDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time type; as 64-bit numbers these timestamps keep their order and can be compared in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresEqualFootingDb(DbContextOptions<PostgresEqualFootingDb> options) : EqualFootingDb(options);
