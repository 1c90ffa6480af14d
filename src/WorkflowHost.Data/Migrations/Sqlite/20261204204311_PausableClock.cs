using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PausableClock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DueCalendar",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AppointmentBeforeExtensionAt",
                table: "dossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtendedAt",
                table: "dossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtendedBy",
                table: "dossiers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "dossiers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "calendar_replans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Calendar = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DossiersMoved = table.Column<int>(type: "INTEGER", nullable: false),
                    StepsMoved = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_replans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OldDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NewDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Calendar = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_changes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_replans_Calendar_Version",
                table: "calendar_replans",
                columns: new[] { "Calendar", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_deadline_changes_DossierId_Id",
                table: "deadline_changes",
                columns: new[] { "DossierId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_replans");

            migrationBuilder.DropTable(
                name: "deadline_changes");

            migrationBuilder.DropColumn(
                name: "DueCalendar",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "AppointmentBeforeExtensionAt",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "ExtendedAt",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "ExtendedBy",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "ExtensionReason",
                table: "dossiers");
        }
    }
}
