using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AppointmentCalendar",
                table: "dossiers",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AppointmentBeforeExtensionAt",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtendedAt",
                table: "dossiers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtendedBy",
                table: "dossiers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "dossiers",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "calendar_replans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Calendar = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DossiersMoved = table.Column<int>(type: "integer", nullable: false),
                    StepsMoved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_replans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    Cause = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OldDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NewDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Calendar = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
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

            migrationBuilder.AlterColumn<string>(
                name: "AppointmentCalendar",
                table: "dossiers",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80,
                oldNullable: true);
        }
    }
}
