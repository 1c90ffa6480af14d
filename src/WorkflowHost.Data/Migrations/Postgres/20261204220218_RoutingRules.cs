using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProcessVersion",
                table: "dossiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingExplanationJson",
                table: "dossiers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingRule",
                table: "dossiers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoutingTableVersion",
                table: "dossiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectUnitWritten",
                table: "dossiers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VersionRule",
                table: "dossiers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dossier_custody",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ToUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_custody", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_tables",
                columns: table => new
                {
                    Province = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
