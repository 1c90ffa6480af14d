using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OverdueAt",
                table: "tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OverdueAt",
                table: "dossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Step = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    EmailStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    EmailAddress = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EmailJobId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TaskDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FireAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HangfireJobId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true)
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
