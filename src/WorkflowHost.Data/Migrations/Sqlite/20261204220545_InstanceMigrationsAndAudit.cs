using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstanceMigrationsAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "instance_audit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    DetailsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "instance_migration_outcomes",
                columns: table => new
                {
                    MigrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_migration_outcomes", x => new { x.MigrationId, x.InstanceId });
                });

            migrationBuilder.CreateTable(
                name: "instance_migrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ToVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ElementMapJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    HangfireJobId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_migrations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_instance_audit_InstanceId_At",
                table: "instance_audit",
                columns: new[] { "InstanceId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_instance_migration_outcomes_MigrationId_Outcome",
                table: "instance_migration_outcomes",
                columns: new[] { "MigrationId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_instance_migrations_Status",
                table: "instance_migrations",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "instance_audit");

            migrationBuilder.DropTable(
                name: "instance_migration_outcomes");

            migrationBuilder.DropTable(
                name: "instance_migrations");
        }
    }
}
