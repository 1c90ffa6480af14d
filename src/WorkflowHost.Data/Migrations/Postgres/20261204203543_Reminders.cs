using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OverdueAt",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OverdueAt",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DossierCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    Step = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EmailStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    EmailAddress = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailAttempts = table.Column<int>(type: "integer", nullable: false),
                    EmailError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EmailJobId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TaskDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FireAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HangfireJobId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_dedup",
                table: "notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_email_pending",
                table: "notifications",
                column: "EmailStatus",
                filter: "\"EmailStatus\" = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Recipient_Id",
                table: "notifications",
                columns: new[] { "Recipient", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_reminders_pending_FireAt",
                table: "reminders",
                column: "FireAt",
                filter: "\"Status\" = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_reminders_task_kind_due",
                table: "reminders",
                columns: new[] { "TaskId", "Kind", "TaskDueAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "reminders");

            migrationBuilder.DropColumn(
                name: "OverdueAt",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "OverdueAt",
                table: "dossiers");
        }
    }
}
