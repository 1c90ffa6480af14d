using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitCode",
                table: "tasks",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DossierId",
                table: "instances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Units",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "dossier_counters",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_counters", x => new { x.UnitCode, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "dossier_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequiredDocumentCode = table.Column<string>(type: "TEXT", nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossier_pauses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_pauses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossier_slip",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromUnit = table.Column<string>(type: "TEXT", nullable: true),
                    FromUser = table.Column<string>(type: "TEXT", nullable: true),
                    ToUnit = table.Column<string>(type: "TEXT", nullable: true),
                    ToUser = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_slip", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProcedureVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcedureName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ReceivingUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompetentUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReturnUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusBeforePause = table.Column<int>(type: "INTEGER", nullable: true),
                    ApplicantType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantIdNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ApplicantPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ApplicantEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubjectUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SubjectAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SubjectParcel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", nullable: true),
                    AppointmentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OriginalAppointmentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AppointmentCalendar = table.Column<string>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    SupplementRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupplementRequestedBy = table.Column<string>(type: "TEXT", nullable: true),
                    SupplementMissingJson = table.Column<string>(type: "TEXT", nullable: true),
                    SupplementNote = table.Column<string>(type: "TEXT", nullable: true),
                    SupplementResumedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
