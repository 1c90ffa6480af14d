using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Data;

/// <summary>
/// The one database of a WorkflowHost deployment: identity, definitions, instances and their projections.
/// Subclassed once per provider so each keeps its own migrations.
/// </summary>
public abstract class WorkflowDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Longest business key (dossier code) accepted: far below what a B-tree index entry can hold on either database.</summary>
    public const int MaxBusinessKeyLength = 200;

    /// <summary>The Data Protection key ring every node shares (cookies and bearer tokens stay valid across nodes and restarts).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DefinitionOwnerEntity> DefinitionOwners => Set<DefinitionOwnerEntity>();
    public DbSet<DefinitionEntity> Definitions => Set<DefinitionEntity>();
    public DbSet<DefinitionDraftEntity> DefinitionDrafts => Set<DefinitionDraftEntity>();
    public DbSet<InstanceEntity> Instances => Set<InstanceEntity>();
    public DbSet<TaskEntity> Tasks => Set<TaskEntity>();
    public DbSet<TaskCandidateEntity> TaskCandidates => Set<TaskCandidateEntity>();
    public DbSet<TimerEntity> Timers => Set<TimerEntity>();
    public DbSet<ServiceJobEntity> ServiceJobs => Set<ServiceJobEntity>();
    public DbSet<MessageSubscriptionEntity> MessageSubscriptions => Set<MessageSubscriptionEntity>();
    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();
    public DbSet<HistoryEntity> History => Set<HistoryEntity>();
    public DbSet<OutboxEntity> Outbox => Set<OutboxEntity>();
    public DbSet<OutboxDeliveryEntity> OutboxDeliveries => Set<OutboxDeliveryEntity>();
    public DbSet<SignalSubscriptionEntity> SignalSubscriptions => Set<SignalSubscriptionEntity>();
    public DbSet<DossierEntity> Dossiers => Set<DossierEntity>();
    public DbSet<DossierCounterEntity> DossierCounters => Set<DossierCounterEntity>();
    public DbSet<DossierDocumentEntity> DossierDocuments => Set<DossierDocumentEntity>();
    public DbSet<SlipEntryEntity> SlipEntries => Set<SlipEntryEntity>();
    public DbSet<DossierPauseEntity> DossierPauses => Set<DossierPauseEntity>();
    public DbSet<MigrationEntity> Migrations => Set<MigrationEntity>();
    public DbSet<MigrationInstanceEntity> MigrationInstances => Set<MigrationInstanceEntity>();
    public DbSet<InstanceAuditEntity> InstanceAudit => Set<InstanceAuditEntity>();
    public DbSet<UserAuditEntity> UserAudit => Set<UserAuditEntity>();
    public DbSet<RoutingTableEntity> RoutingTables => Set<RoutingTableEntity>();
    public DbSet<CustodyEventEntity> CustodyEvents => Set<CustodyEventEntity>();
    public DbSet<DeadlineChangeEntity> DeadlineChanges => Set<DeadlineChangeEntity>();
    public DbSet<CalendarReplanEntity> CalendarReplans => Set<CalendarReplanEntity>();
    public DbSet<ReminderEntity> Reminders => Set<ReminderEntity>();
    public DbSet<NotificationEntity> Notifications => Set<NotificationEntity>();
    public DbSet<SlaDailyEntity> SlaDaily => Set<SlaDailyEntity>();
    public DbSet<SlaRollupStateEntity> SlaRollupState => Set<SlaRollupStateEntity>();
    public DbSet<LivePushEntity> LivePushes => Set<LivePushEntity>();

    /// <summary>
    /// Whether one write batch sent without a transaction is still all-or-nothing in this database, so a write that
    /// fits in one batch can save the extra round trip of an explicit COMMIT.
    /// </summary>
    public virtual bool RunsBatchAtomically => false;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        const string OpenTasks = "\"State\" = 'open'";
        base.OnModelCreating(builder);

        builder.Entity<DefinitionEntity>(e =>
        {
            e.ToTable("definitions");
            e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
            e.HasIndex(d => new { d.Key, d.Status });
            // Exactly one published version per key, even when two publishes of one key race (decision 5).
            e.HasIndex(d => d.Key).IsUnique().HasFilter("\"Status\" = 'published'").HasDatabaseName("IX_definitions_one_published_per_key");
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.Status).HasMaxLength(20);
            e.Property(d => d.XmlHash).HasMaxLength(64);
            e.Property(d => d.PublishedBy).HasMaxLength(256);
            e.Property(d => d.ChangeNote).HasMaxLength(2000);
        });
        builder.Entity<DefinitionDraftEntity>(e =>
        {
            e.ToTable("definition_drafts");
            e.HasKey(d => d.Key);
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.UpdatedBy).HasMaxLength(256);
        });
        builder.Entity<DefinitionOwnerEntity>(e =>
        {
            e.ToTable("definition_owners");
            e.HasKey(o => new { o.DefinitionKey, o.UserName });
            e.HasIndex(o => o.UserName);
            e.Property(o => o.DefinitionKey).HasMaxLength(200);
            e.Property(o => o.UserName).HasMaxLength(256);
        });
        builder.Entity<InstanceEntity>(e =>
        {
            e.ToTable("instances");
            // Not an EF concurrency token: the stale-revision check is a trigger (see InstanceRevisionGuard), so it also
            // aborts a write batch PostgreSQL runs as one implicit transaction, where a zero-row update would not.
            e.HasIndex(i => new { i.Status, i.StartedAt });
            e.HasIndex(i => i.BusinessKey);
            e.HasIndex(i => new { i.DefinitionKey, i.DefinitionVersion });
            e.Property(i => i.Status).HasMaxLength(20);
            e.Property(i => i.BusinessKey).HasMaxLength(MaxBusinessKeyLength);
        });
        builder.Entity<TaskEntity>(e =>
        {
            e.ToTable("tasks");
            e.HasIndex(t => new { t.InstanceId, t.EngineTaskId }).IsUnique();
            // The inbox reads open tasks only; partial indexes stay as small as the open work instead of growing with
            // every task ever completed, and completing a task adds no entry to them.
            e.HasIndex(t => t.Assignee).HasFilter(OpenTasks).HasDatabaseName("IX_tasks_open_Assignee");
            e.HasIndex(t => t.DueAt).HasFilter(OpenTasks).HasDatabaseName("IX_tasks_open_DueAt");
            e.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.Property(t => t.State).HasMaxLength(20);
            e.Property(t => t.UnitCode).HasMaxLength(20);
            // A unit's queue: open tasks of that unit by due date.
            e.HasIndex(t => new { t.UnitCode, t.DueAt }).HasFilter(OpenTasks).HasDatabaseName("IX_tasks_open_UnitCode_DueAt");
            e.HasIndex(t => t.DossierId);
            // Inbox search: the open tasks of the dossiers whose text matches. Without it PostgreSQL ANDed the unit's whole
            // open-task bitmap into every dossier probe (11 s for a full name at 10 million tasks; 0.25 s with it).
            e.HasIndex(t => t.DossierId, "IX_tasks_open_DossierId").HasFilter(OpenTasks);
            // The bottleneck view counts every open step of a version per element (OpenStepsSql). Covering, it is read
            // index-only: scattered among millions of closed tasks, the open ones would otherwise cost a heap page each
            // (42 ms of heap fetches against 7.5 ms index-only for 69,007 open steps among 3.1 million tasks).
            // PostgreSQL stores the included columns; SQLite, which has no INCLUDE, gets the plain partial index.
            e.HasIndex(t => t.InstanceId, "IX_tasks_open_InstanceId_Bottleneck").HasFilter(OpenTasks)
                .IncludeProperties(t => new { t.ElementId, t.CreatedAt, t.DueAt, t.UnitCode, t.Name });
        });
        builder.Entity<TaskCandidateEntity>(e =>
        {
            e.ToTable("task_candidates");
            e.HasKey(c => new { c.TaskId, c.Kind, c.Name });
            e.HasIndex(c => new { c.Kind, c.Name });
        });
        builder.Entity<TimerEntity>(e =>
        {
            e.ToTable("timers");
            e.HasIndex(t => new { t.InstanceId, t.EngineTimerId }).IsUnique();
            e.HasIndex(t => new { t.Status, t.DueAt });
        });
        builder.Entity<ServiceJobEntity>(e =>
        {
            e.ToTable("service_jobs");
            e.HasIndex(j => new { j.InstanceId, j.EngineJobId }).IsUnique();
            e.HasIndex(j => j.Status);
        });
        builder.Entity<MessageSubscriptionEntity>(e =>
        {
            e.ToTable("message_subscriptions");
            e.HasIndex(m => new { m.InstanceId, m.EngineSubscriptionId }).IsUnique();
            e.HasIndex(m => new { m.MessageName, m.BusinessKey });
        });
        builder.Entity<SignalSubscriptionEntity>(e =>
        {
            e.ToTable("signal_subscriptions");
            e.HasIndex(s => new { s.InstanceId, s.EngineSubscriptionId }).IsUnique();
            e.HasIndex(s => s.SignalName);
            e.Property(s => s.SignalName).HasMaxLength(200);
        });
        builder.Entity<IncidentEntity>(e =>
        {
            e.ToTable("incidents");
            e.HasIndex(i => new { i.InstanceId, i.EngineIncidentId }).IsUnique();
            e.HasIndex(i => i.ResolvedAt);
        });
        builder.Entity<HistoryEntity>(e =>
        {
            e.ToTable("history");
            e.HasKey(h => new { h.InstanceId, h.ElementInstanceId });
            e.Property(h => h.ElementInstanceId).ValueGeneratedNever();
        });
        builder.Entity<DossierEntity>(e =>
        {
            e.ToTable("dossiers");
            e.HasIndex(d => d.Code).IsUnique();
            e.HasIndex(d => d.InstanceId);
            e.HasIndex(d => new { d.ReceivingUnit, d.ReceivedAt });
            e.HasIndex(d => new { d.CompetentUnit, d.ReceivedAt });
            // The SLA report reads a unit's dossiers unfinished when its period began (FinishedAt null or after the start):
            // two ranges of this index, and every column the report counts is in it, so PostgreSQL answers from the
            // index alone instead of the unit's whole history (docs/benchmarks.md, issue 11).
            e.HasIndex(d => new { d.CompetentUnit, d.FinishedAt, d.ReceivedAt, d.Status, d.AppointmentAt, d.ProcedureCode }, "IX_dossiers_sla");
            e.HasIndex(d => d.ApplicantName);
            e.Property(d => d.SearchText).HasMaxLength(300);
            e.Property(d => d.Code).HasMaxLength(60);
            e.Property(d => d.ProcedureCode).HasMaxLength(40);
            e.Property(d => d.ProcedureName).HasMaxLength(400);
            e.Property(d => d.ReceivingUnit).HasMaxLength(20);
            e.Property(d => d.CompetentUnit).HasMaxLength(20);
            e.Property(d => d.ReturnUnit).HasMaxLength(20);
            e.Property(d => d.SubjectUnit).HasMaxLength(20);
            e.Property(d => d.ApplicantType).HasMaxLength(30);
            e.Property(d => d.ApplicantName).HasMaxLength(200);
            e.Property(d => d.ApplicantIdNumber).HasMaxLength(30);
            e.Property(d => d.ApplicantPhone).HasMaxLength(30);
            e.Property(d => d.ApplicantEmail).HasMaxLength(200);
            e.Property(d => d.SubjectAddress).HasMaxLength(400);
            e.Property(d => d.SubjectParcel).HasMaxLength(100);
            e.Property(d => d.SubjectUnitWritten).HasMaxLength(200);
            e.Property(d => d.RoutingRule).HasMaxLength(100);
            e.Property(d => d.VersionRule).HasMaxLength(100);
            e.Property(d => d.ProcessKey).HasMaxLength(200);
            e.Property(d => d.AppointmentCalendar).HasMaxLength(80);
            e.Property(d => d.ExtensionReason).HasMaxLength(1000);
            e.Property(d => d.ExtendedBy).HasMaxLength(256);
        });
        builder.Entity<SlaDailyEntity>(e =>
        {
            e.ToTable("sla_daily");
            e.HasKey(r => new { r.UnitCode, r.ProcedureCode, r.Day });
            e.Property(r => r.UnitCode).HasMaxLength(20);
            e.Property(r => r.ProcedureCode).HasMaxLength(40);
            // The report reads the period's days and after (a range of this index) and the older days that still hold an
            // open dossier (a few rows of the partial one).
            e.HasIndex(r => r.Day);
            e.HasIndex(r => r.Day, "IX_sla_daily_open").HasFilter("\"Open\" <> 0");
        });
        builder.Entity<SlaRollupStateEntity>(e =>
        {
            e.ToTable("sla_rollup_state");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Zone).HasMaxLength(100);
        });
        builder.Entity<DossierCounterEntity>(e =>
        {
            e.ToTable("dossier_counters");
            e.HasKey(c => new { c.UnitCode, c.Day });
            e.Property(c => c.UnitCode).HasMaxLength(20);
        });
        builder.Entity<DossierDocumentEntity>(e =>
        {
            e.ToTable("dossier_documents");
            e.HasIndex(d => d.DossierId);
            e.Property(d => d.Name).HasMaxLength(260);
            e.Property(d => d.Kind).HasMaxLength(20);
            e.Property(d => d.Phase).HasMaxLength(20);
            e.Property(d => d.ContentType).HasMaxLength(100);
            e.Property(d => d.Sha256).HasMaxLength(64);
        });
        builder.Entity<SlipEntryEntity>(e =>
        {
            e.ToTable("dossier_slip");
            e.HasIndex(s => new { s.DossierId, s.Id });
            e.Property(s => s.Grade).HasMaxLength(10);
        });
        builder.Entity<DossierPauseEntity>(e =>
        {
            e.ToTable("dossier_pauses");
            e.HasIndex(p => p.DossierId);
            e.Property(p => p.Reason).HasMaxLength(20);
        });
        builder.Entity<MigrationEntity>(e =>
        {
            e.ToTable("instance_migrations");
            e.HasIndex(m => m.Status);
            e.Property(m => m.DefinitionKey).HasMaxLength(200);
            e.Property(m => m.Status).HasMaxLength(20);
            e.Property(m => m.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<MigrationInstanceEntity>(e =>
        {
            e.ToTable("instance_migration_outcomes");
            e.HasKey(m => new { m.MigrationId, m.InstanceId });
            // The job takes the next batch of pending instances of one migration.
            e.HasIndex(m => new { m.MigrationId, m.Outcome });
            e.Property(m => m.Outcome).HasMaxLength(20);
            e.Property(m => m.BusinessKey).HasMaxLength(MaxBusinessKeyLength);
        });
        builder.Entity<InstanceAuditEntity>(e =>
        {
            e.ToTable("instance_audit");
            e.HasIndex(a => new { a.InstanceId, a.At });
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Actor).HasMaxLength(256);
        });
        builder.Entity<UserAuditEntity>(e =>
        {
            e.ToTable("user_audit");
            // An account's history, newest first.
            e.HasIndex(a => new { a.UserName, a.At });
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Details).HasMaxLength(4000);
        });
        builder.Entity<RoutingTableEntity>(e =>
        {
            e.ToTable("routing_tables");
            // The key makes two concurrent saves of the same next version collide: one wins, the other answers 409.
            e.HasKey(t => new { t.Province, t.Version });
            e.Property(t => t.Province).HasMaxLength(20);
            e.Property(t => t.SavedBy).HasMaxLength(256);
            e.Property(t => t.Note).HasMaxLength(1000);
        });
        builder.Entity<CustodyEventEntity>(e =>
        {
            e.ToTable("dossier_custody");
            e.HasIndex(c => c.DossierId);
            e.Property(c => c.Kind).HasMaxLength(20);
            e.Property(c => c.FromUnit).HasMaxLength(20);
            e.Property(c => c.ToUnit).HasMaxLength(20);
            e.Property(c => c.TrackingNumber).HasMaxLength(60);
            e.Property(c => c.Carrier).HasMaxLength(100);
            e.Property(c => c.By).HasMaxLength(256);
            e.Property(c => c.Note).HasMaxLength(1000);
        });
        builder.Entity<DeadlineChangeEntity>(e =>
        {
            e.ToTable("deadline_changes");
            e.HasIndex(c => new { c.DossierId, c.Id });
            e.Property(c => c.Cause).HasMaxLength(20);
            e.Property(c => c.Calendar).HasMaxLength(80);
            e.Property(c => c.By).HasMaxLength(256);
        });
        builder.Entity<CalendarReplanEntity>(e =>
        {
            e.ToTable("calendar_replans");
            e.HasIndex(r => new { r.Calendar, r.Version });
            e.Property(r => r.Calendar).HasMaxLength(60);
            e.Property(r => r.Version).HasMaxLength(20);
        });
        builder.Entity<ReminderEntity>(e =>
        {
            e.ToTable("reminders");
            // One reminder of a kind per step and due instant: planning twice, on two nodes or after a restart, adds nothing.
            e.HasIndex(r => new { r.TaskId, r.Kind, r.TaskDueAt }).IsUnique().HasDatabaseName("IX_reminders_task_kind_due");
            // The horizon job reads pending rows by fire time; fired and cancelled rows stay out of the index.
            e.HasIndex(r => r.FireAt).HasFilter("\"Status\" = 'pending'").HasDatabaseName("IX_reminders_pending_FireAt");
            e.Property(r => r.Kind).HasMaxLength(20);
            e.Property(r => r.Status).HasMaxLength(20);
        });
        builder.Entity<NotificationEntity>(e =>
        {
            e.ToTable("notifications");
            e.HasIndex(n => n.DedupKey).IsUnique().HasDatabaseName("IX_notifications_dedup");
            // The bell: a person's notifications, newest first.
            e.HasIndex(n => new { n.Recipient, n.Id });
            e.HasIndex(n => n.EmailStatus).HasFilter("\"EmailStatus\" = 'pending'").HasDatabaseName("IX_notifications_email_pending");
            e.Property(n => n.Recipient).HasMaxLength(256);
            e.Property(n => n.Kind).HasMaxLength(20);
            e.Property(n => n.DossierCode).HasMaxLength(60);
            e.Property(n => n.Step).HasMaxLength(400);
            e.Property(n => n.UnitCode).HasMaxLength(20);
            e.Property(n => n.DedupKey).HasMaxLength(400);
            e.Property(n => n.EmailStatus).HasMaxLength(20);
            e.Property(n => n.EmailAddress).HasMaxLength(256);
            e.Property(n => n.EmailError).HasMaxLength(2000);
        });
        builder.Entity<LivePushEntity>(e =>
        {
            e.ToTable("live_pushes");
            e.Property(p => p.Group).HasMaxLength(300);
            e.Property(p => p.Method).HasMaxLength(40);
        });
        builder.Entity<OutboxEntity>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(o => o.DispatchedAt);
            e.HasIndex(o => o.Status);
            e.Property(o => o.Status).HasMaxLength(20);
            e.Property(o => o.CorrelationKey).HasMaxLength(MaxBusinessKeyLength);
        });
        builder.Entity<OutboxDeliveryEntity>(e =>
        {
            e.ToTable("outbox_deliveries");
            e.HasKey(d => new { d.OutboxId, d.InstanceId });
        });
    }
}

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; store a number so due-date queries stay in SQL. The number
        // orders by the instant only when every value has one offset, so every instant is stored in UTC (a deadline
        // computed in Vietnam time, +07:00, would otherwise sort seven hours late against "now").
        builder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetToBinaryConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options)
{
    /// <summary>Npgsql sends a batch with one Sync: PostgreSQL runs it as one implicit transaction, and any error rolls all of it back.</summary>
    public override bool RunsBatchAtomically => true;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Npgsql writes timestamptz only from UTC offsets; dates the engine computes in the procedure's time zone
        // (a timeDate or dueDate without offset, +07:00) are normalised here once, for every column.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}

/// <summary>
/// EF's DateTimeOffset-to-binary encoding (ticks and offset in one 64-bit number) applied to the instant in UTC, so the
/// stored numbers order as the instants do. Values read back are in UTC; older rows written with another offset still
/// read back correctly.
/// </summary>
public sealed class UtcDateTimeOffsetToBinaryConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => ToStore(v), v => FromStore(v))
{
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter Binary = new();

    public static long ToStore(DateTimeOffset value) => (long)Binary.ConvertToProvider(value.ToUniversalTime())!;

    public static DateTimeOffset FromStore(long value) => (DateTimeOffset)Binary.ConvertFromProvider(value)!;
}
