using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DossierId",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitCode",
                table: "tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DossierId",
                table: "instances",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Units",
                table: "AspNetUsers",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "dossier_counters",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_counters", x => new { x.UnitCode, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "dossier_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequiredDocumentCode = table.Column<string>(type: "text", nullable: true),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossier_pauses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_pauses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossier_slip",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromUnit = table.Column<string>(type: "text", nullable: true),
                    FromUser = table.Column<string>(type: "text", nullable: true),
                    ToUnit = table.Column<string>(type: "text", nullable: true),
                    ToUser = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Step = table.Column<string>(type: "text", nullable: false),
                    Grade = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_slip", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ProcedureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProcedureVersion = table.Column<int>(type: "integer", nullable: false),
                    ProcedureName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ReceivingUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CompetentUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReturnUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    StatusBeforePause = table.Column<int>(type: "integer", nullable: true),
                    ApplicantType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApplicantIdNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ApplicantPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ApplicantEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubjectUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SubjectAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SubjectParcel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedBy = table.Column<string>(type: "text", nullable: true),
                    AppointmentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OriginalAppointmentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppointmentCalendar = table.Column<string>(type: "text", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    RefusalReason = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    SupplementRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SupplementRequestedBy = table.Column<string>(type: "text", nullable: true),
                    SupplementMissingJson = table.Column<string>(type: "text", nullable: true),
                    SupplementNote = table.Column<string>(type: "text", nullable: true),
                    SupplementResumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SearchText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_DossierId",
                table: "tasks",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_open_UnitCode_DueAt",
                table: "tasks",
                columns: new[] { "UnitCode", "DueAt" },
                filter: "\"State\" = 'open'");

            migrationBuilder.CreateIndex(
                name: "IX_dossier_documents_DossierId",
                table: "dossier_documents",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_dossier_pauses_DossierId",
                table: "dossier_pauses",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_dossier_slip_DossierId_Id",
                table: "dossier_slip",
                columns: new[] { "DossierId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_ApplicantName",
                table: "dossiers",
                column: "ApplicantName");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_Code",
                table: "dossiers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_CompetentUnit_ReceivedAt",
                table: "dossiers",
                columns: new[] { "CompetentUnit", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_InstanceId",
                table: "dossiers",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_ReceivingUnit_ReceivedAt",
                table: "dossiers",
                columns: new[] { "ReceivingUnit", "ReceivedAt" });
        
            // Search by applicant name or code anywhere in the text ("van an" in "nguyen van an"): a trigram index keeps
            // LIKE '%...%' on millions of dossiers an index scan. pg_trgm ships with PostgreSQL's standard contrib modules.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_dossiers_SearchText_trgm\" ON dossiers USING gin (\"SearchText\" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_dossiers_SearchText_trgm\";");
            migrationBuilder.DropTable(
                name: "dossier_counters");

            migrationBuilder.DropTable(
                name: "dossier_documents");

            migrationBuilder.DropTable(
                name: "dossier_pauses");

            migrationBuilder.DropTable(
                name: "dossier_slip");

            migrationBuilder.DropTable(
                name: "dossiers");

            migrationBuilder.DropIndex(
                name: "IX_tasks_DossierId",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_open_UnitCode_DueAt",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "DossierId",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "UnitCode",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "DossierId",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "Units",
                table: "AspNetUsers");
        }
    }
}
