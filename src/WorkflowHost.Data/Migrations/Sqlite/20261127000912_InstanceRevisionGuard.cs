using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstanceRevisionGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PreviousRevision",
                table: "instances",
                type: "TEXT",
                nullable: true);

            // Every update names the revision it was computed from; a stale one aborts the statement and with it the
            // transaction of the write.
            migrationBuilder.Sql("""
                CREATE TRIGGER instances_refuse_stale_revision BEFORE UPDATE ON instances
                    FOR EACH ROW WHEN NEW."PreviousRevision" IS NOT OLD."Revision"
                    BEGIN SELECT RAISE(ABORT, 'stale instance revision'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER instances_refuse_stale_revision;");
            migrationBuilder.DropColumn(
                name: "PreviousRevision",
                table: "instances");
        }
    }
}
