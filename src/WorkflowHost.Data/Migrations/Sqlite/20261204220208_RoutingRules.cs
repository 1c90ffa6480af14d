using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoutingRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProcessKey",
                table: "dossiers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProcessVersion",
                table: "dossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingExplanationJson",
                table: "dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingRule",
                table: "dossiers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoutingTableVersion",
                table: "dossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectUnitWritten",
                table: "dossiers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VersionRule",
                table: "dossiers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dossier_custody",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ToUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_custody", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_tables",
                columns: table => new
                {
                    Province = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_tables", x => new { x.Province, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossier_custody_DossierId",
                table: "dossier_custody",
                column: "DossierId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_custody");

            migrationBuilder.DropTable(
                name: "routing_tables");

            migrationBuilder.DropColumn(
                name: "ProcessKey",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "ProcessVersion",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "RoutingExplanationJson",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "RoutingRule",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "RoutingTableVersion",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "SubjectUnitWritten",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "VersionRule",
                table: "dossiers");
        }
    }
}
