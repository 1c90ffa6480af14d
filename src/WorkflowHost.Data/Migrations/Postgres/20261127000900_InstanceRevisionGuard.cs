using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            // Every update names the revision it was computed from; a stale one aborts the statement and with it the
            // whole write (an explicit transaction, or the implicit one PostgreSQL gives a batch sent without one).
            migrationBuilder.Sql("""
                CREATE FUNCTION instances_refuse_stale_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."PreviousRevision" IS DISTINCT FROM OLD."Revision" THEN
                        RAISE EXCEPTION 'stale instance revision: instance % is at revision %, the write was computed from %',
                            OLD."Id", OLD."Revision", NEW."PreviousRevision" USING ERRCODE = 'serialization_failure';
                    END IF;
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER instances_refuse_stale_revision BEFORE UPDATE ON instances
                    FOR EACH ROW EXECUTE FUNCTION instances_refuse_stale_revision();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER instances_refuse_stale_revision ON instances;
                DROP FUNCTION instances_refuse_stale_revision();
                """);
            migrationBuilder.DropColumn(
                name: "PreviousRevision",
                table: "instances");
        }
    }
}
