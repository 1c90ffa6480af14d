using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryKeyedByElementInstance : Migration
    {
        // SQLite cannot change a primary key in place. EF's table rebuild toggles PRAGMA foreign_keys, which cannot run
        // inside the migration's transaction; history has no foreign keys, so the rebuild is written out here and stays atomic.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "history", newName: "history_by_row_id");
            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElementInstanceId = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementType = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table => table.PrimaryKey("PK_history", x => new { x.InstanceId, x.ElementInstanceId }));
            migrationBuilder.Sql("""
                INSERT INTO "history" ("InstanceId", "ElementInstanceId", "ElementId", "ElementType", "StartedAt", "EndedAt", "Cancelled")
                SELECT "InstanceId", "ElementInstanceId", "ElementId", "ElementType", "StartedAt", "EndedAt", "Cancelled" FROM "history_by_row_id";
                """);
            migrationBuilder.DropTable(name: "history_by_row_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "history", newName: "history_by_element_instance");
            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElementInstanceId = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementType = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table => table.PrimaryKey("PK_history", x => x.Id));
            migrationBuilder.Sql("""
                INSERT INTO "history" ("InstanceId", "ElementInstanceId", "ElementId", "ElementType", "StartedAt", "EndedAt", "Cancelled")
                SELECT "InstanceId", "ElementInstanceId", "ElementId", "ElementType", "StartedAt", "EndedAt", "Cancelled" FROM "history_by_element_instance"
                ORDER BY "InstanceId", "ElementInstanceId";
                """);
            migrationBuilder.DropTable(name: "history_by_element_instance");
            migrationBuilder.CreateIndex(name: "IX_history_InstanceId_ElementInstanceId", table: "history", columns: new[] { "InstanceId", "ElementInstanceId" });
        }
    }
}
