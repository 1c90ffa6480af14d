using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlaDailyRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sla_daily",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProcedureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Received = table.Column<int>(type: "integer", nullable: false),
                    Open = table.Column<int>(type: "integer", nullable: false),
                    Paused = table.Column<int>(type: "integer", nullable: false),
                    Finished = table.Column<int>(type: "integer", nullable: false),
                    Early = table.Column<int>(type: "integer", nullable: false),
                    OnTime = table.Column<int>(type: "integer", nullable: false),
                    Late = table.Column<int>(type: "integer", nullable: false),
                    Stopped = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_daily", x => new { x.UnitCode, x.ProcedureCode, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "sla_rollup_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OffsetMinutes = table.Column<int>(type: "integer", nullable: false),
                    BuiltAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_rollup_state", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sla_daily_Day",
                table: "sla_daily",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_sla_daily_open",
                table: "sla_daily",
                column: "Day",
                filter: "\"Open\" <> 0");

            // The rollup's one definition of what a dossier counts (the live report's groupings, SlaReports.cs): its receipt
            // day's part and, once finished, its finish day's part. The triggers add a row's parts and take its old parts
            // away in the transaction of the change; start-up rebuilds the table from the same function (SlaRollup.cs).
            migrationBuilder.Sql("""
                CREATE FUNCTION sla_dossier_parts(d dossiers, zone text)
                RETURNS TABLE ("UnitCode" varchar, "ProcedureCode" varchar, "Day" date, "Received" int, "Open" int, "Paused" int,
                               "Finished" int, "Early" int, "OnTime" int, "Late" int, "Stopped" int)
                LANGUAGE sql STABLE AS $$
                    SELECT d."CompetentUnit", d."ProcedureCode", (d."ReceivedAt" AT TIME ZONE zone)::date, 1,
                        CASE WHEN d."FinishedAt" IS NULL THEN 1 ELSE 0 END,
                        CASE WHEN d."FinishedAt" IS NULL AND d."Status" IN (5, 6) THEN 1 ELSE 0 END, 0, 0, 0, 0, 0
                    WHERE d."Status" NOT IN (1, 3) AND zone IS NOT NULL
                    UNION ALL
                    SELECT d."CompetentUnit", d."ProcedureCode",
                        -- A finish is never counted before its receipt's day (the report's arithmetic relies on it).
                        greatest((d."FinishedAt" AT TIME ZONE zone)::date, (d."ReceivedAt" AT TIME ZONE zone)::date), 0, 0, 0, 1,
                        CASE WHEN g.graded AND g.early THEN 1 ELSE 0 END,
                        CASE WHEN g.graded AND NOT g.late AND NOT g.early THEN 1 ELSE 0 END,
                        CASE WHEN g.graded AND g.late THEN 1 ELSE 0 END,
                        CASE WHEN d."Status" = 8 THEN 1 ELSE 0 END
                    FROM (SELECT d."Status" IN (7, 9, 10) AS graded,
                            -- An apology with a new date does not make a dossier on time: it stays late.
                            (d."AppointmentAt" IS NOT NULL AND d."FinishedAt" > d."AppointmentAt") OR d."ExtendedAt" IS NOT NULL AS late,
                            d."AppointmentAt" IS NOT NULL AND d."ExtendedAt" IS NULL
                                AND (d."FinishedAt" AT TIME ZONE zone)::date < (d."AppointmentAt" AT TIME ZONE zone)::date AS early) g
                    WHERE d."Status" NOT IN (1, 3) AND d."FinishedAt" IS NOT NULL AND zone IS NOT NULL
                $$;

                CREATE FUNCTION sla_daily_track() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text;
                BEGIN
                    SELECT s."Zone" INTO zone FROM sla_rollup_state s WHERE s."Id" = 1;
                    -- Not built yet: the start-up rebuild counts this dossier.
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    -- OLD is null on INSERT and NEW on DELETE: their parts are empty. Only rows whose counts change are
                    -- written (a status change that moves no count locks nothing), in key order so that two writers
                    -- lock shared rows in the same order.
                    INSERT INTO sla_daily AS t ("UnitCode", "ProcedureCode", "Day", "Received", "Open", "Paused", "Finished", "Early", "OnTime", "Late", "Stopped")
                    SELECT p."UnitCode", p."ProcedureCode", p."Day", SUM(p.w * p."Received"), SUM(p.w * p."Open"), SUM(p.w * p."Paused"),
                        SUM(p.w * p."Finished"), SUM(p.w * p."Early"), SUM(p.w * p."OnTime"), SUM(p.w * p."Late"), SUM(p.w * p."Stopped")
                    FROM (SELECT -1 AS w, o.* FROM sla_dossier_parts(OLD, zone) o
                          UNION ALL SELECT 1 AS w, n.* FROM sla_dossier_parts(NEW, zone) n) p
                    GROUP BY p."UnitCode", p."ProcedureCode", p."Day"
                    HAVING SUM(p.w * p."Received") <> 0 OR SUM(p.w * p."Open") <> 0 OR SUM(p.w * p."Paused") <> 0 OR SUM(p.w * p."Finished") <> 0
                        OR SUM(p.w * p."Early") <> 0 OR SUM(p.w * p."OnTime") <> 0 OR SUM(p.w * p."Late") <> 0 OR SUM(p.w * p."Stopped") <> 0
                    ORDER BY p."UnitCode", p."ProcedureCode", p."Day"
                    ON CONFLICT ("UnitCode", "ProcedureCode", "Day") DO UPDATE SET
                        "Received" = t."Received" + EXCLUDED."Received", "Open" = t."Open" + EXCLUDED."Open",
                        "Paused" = t."Paused" + EXCLUDED."Paused", "Finished" = t."Finished" + EXCLUDED."Finished",
                        "Early" = t."Early" + EXCLUDED."Early", "OnTime" = t."OnTime" + EXCLUDED."OnTime",
                        "Late" = t."Late" + EXCLUDED."Late", "Stopped" = t."Stopped" + EXCLUDED."Stopped";
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER sla_daily_track AFTER INSERT OR DELETE ON dossiers
                    FOR EACH ROW EXECUTE FUNCTION sla_daily_track();
                CREATE TRIGGER sla_daily_track_update AFTER UPDATE ON dossiers
                    FOR EACH ROW WHEN (OLD."Status" IS DISTINCT FROM NEW."Status" OR OLD."CompetentUnit" IS DISTINCT FROM NEW."CompetentUnit"
                        OR OLD."ProcedureCode" IS DISTINCT FROM NEW."ProcedureCode" OR OLD."ReceivedAt" IS DISTINCT FROM NEW."ReceivedAt"
                        OR OLD."FinishedAt" IS DISTINCT FROM NEW."FinishedAt" OR OLD."AppointmentAt" IS DISTINCT FROM NEW."AppointmentAt"
                        OR OLD."ExtendedAt" IS DISTINCT FROM NEW."ExtendedAt")
                    EXECUTE FUNCTION sla_daily_track();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sla_daily_track_update ON dossiers;
                DROP TRIGGER sla_daily_track ON dossiers;
                DROP FUNCTION sla_daily_track();
                DROP FUNCTION sla_dossier_parts(dossiers, text);
                """);

            migrationBuilder.DropTable(
                name: "sla_daily");

            migrationBuilder.DropTable(
                name: "sla_rollup_state");
        }
    }
}
