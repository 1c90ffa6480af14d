using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
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
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    Open = table.Column<int>(type: "INTEGER", nullable: false),
                    Paused = table.Column<int>(type: "INTEGER", nullable: false),
                    Finished = table.Column<int>(type: "INTEGER", nullable: false),
                    Early = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Late = table.Column<int>(type: "INTEGER", nullable: false),
                    Stopped = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_daily", x => new { x.UnitCode, x.ProcedureCode, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "sla_rollup_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OffsetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BuiltAt = table.Column<long>(type: "INTEGER", nullable: false)
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

            // The rollup's one definition of what a dossier counts (the live report's groupings, SlaReports.cs), as a view:
            // its receipt day's part and, once finished, its finish day's part. Before a change the triggers take the
            // dossier's parts away, after it they add them back; start-up rebuilds the table from the same view
            // (SlaRollup.cs). Instants are EF's binary DateTimeOffset (ticks / 1000 and the offset in the low 11 bits).
            migrationBuilder.Sql($"""
                CREATE VIEW sla_dossier_parts AS
                SELECT d."Id", d."CompetentUnit" AS "UnitCode", d."ProcedureCode", {Day("d.\"ReceivedAt\"")} AS "Day", 1 AS "Received",
                    CASE WHEN d."FinishedAt" IS NULL THEN 1 ELSE 0 END AS "Open",
                    CASE WHEN d."FinishedAt" IS NULL AND d."Status" IN (5, 6) THEN 1 ELSE 0 END AS "Paused",
                    0 AS "Finished", 0 AS "Early", 0 AS "OnTime", 0 AS "Late", 0 AS "Stopped"
                FROM dossiers d JOIN sla_rollup_state s ON s."Id" = 1
                WHERE d."Status" NOT IN (1, 3)
                UNION ALL
                SELECT d."Id", d."CompetentUnit", d."ProcedureCode",
                    -- A finish is never counted before its receipt's day (the report's arithmetic relies on it).
                    max({Day("d.\"FinishedAt\"")}, {Day("d.\"ReceivedAt\"")}), 0, 0, 0, 1,
                    CASE WHEN d."Status" IN (7, 9, 10) AND {Early} THEN 1 ELSE 0 END,
                    CASE WHEN d."Status" IN (7, 9, 10) AND NOT ({Late}) AND NOT ({Early}) THEN 1 ELSE 0 END,
                    CASE WHEN d."Status" IN (7, 9, 10) AND ({Late}) THEN 1 ELSE 0 END,
                    CASE WHEN d."Status" = 8 THEN 1 ELSE 0 END
                FROM dossiers d JOIN sla_rollup_state s ON s."Id" = 1
                WHERE d."Status" NOT IN (1, 3) AND d."FinishedAt" IS NOT NULL;

                CREATE TRIGGER sla_daily_insert AFTER INSERT ON dossiers
                BEGIN {Apply("+", "NEW")} END;
                CREATE TRIGGER sla_daily_before_update BEFORE UPDATE ON dossiers WHEN {Changed}
                BEGIN {Apply("-", "OLD")} END;
                CREATE TRIGGER sla_daily_after_update AFTER UPDATE ON dossiers WHEN {Changed}
                BEGIN {Apply("+", "NEW")} END;
                CREATE TRIGGER sla_daily_delete BEFORE DELETE ON dossiers
                BEGIN {Apply("-", "OLD")} END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sla_daily_delete;
                DROP TRIGGER sla_daily_after_update;
                DROP TRIGGER sla_daily_before_update;
                DROP TRIGGER sla_daily_insert;
                DROP VIEW sla_dossier_parts;
                """);

            migrationBuilder.DropTable(
                name: "sla_daily");

            migrationBuilder.DropTable(
                name: "sla_rollup_state");
        }

        private const string Changed = """
            (OLD."Status" IS NOT NEW."Status" OR OLD."CompetentUnit" IS NOT NEW."CompetentUnit" OR OLD."ProcedureCode" IS NOT NEW."ProcedureCode"
                OR OLD."ReceivedAt" IS NOT NEW."ReceivedAt" OR OLD."FinishedAt" IS NOT NEW."FinishedAt" OR OLD."AppointmentAt" IS NOT NEW."AppointmentAt"
                OR OLD."ExtendedAt" IS NOT NEW."ExtendedAt")
            """;

        // An apology with a new date does not make a dossier on time: it stays late.
        private static readonly string Late = $"""(d."AppointmentAt" IS NOT NULL AND {Instant("d.\"FinishedAt\"")} > {Instant("d.\"AppointmentAt\"")}) OR d."ExtendedAt" IS NOT NULL""";

        private static readonly string Early = $"""(d."AppointmentAt" IS NOT NULL AND d."ExtendedAt" IS NULL AND {Day("d.\"FinishedAt\"")} < {Day("d.\"AppointmentAt\"")})""";

        /// <summary>The instant in units of 1,000 ticks, UTC.</summary>
        private static string Instant(string column) =>
            $"(({column} >> 11) - (({column} & 2047) - CASE WHEN ({column} & 2047) >= 1024 THEN 2048 ELSE 0 END) * 600000)";

        /// <summary>The local day (yyyy-MM-dd) of an instant, at the state row's offset.</summary>
        private static string Day(string column) =>
            $"date(({Instant(column)} + s.\"OffsetMinutes\" * 600000 - 621355968000000) / 864000000 * 86400, 'unixepoch')";

        /// <summary>Adds (+) or takes away (-) one dossier's parts.</summary>
        private static string Apply(string sign, string row) => $"""
            INSERT INTO sla_daily ("UnitCode", "ProcedureCode", "Day", "Received", "Open", "Paused", "Finished", "Early", "OnTime", "Late", "Stopped")
                SELECT "UnitCode", "ProcedureCode", "Day", {sign}SUM("Received"), {sign}SUM("Open"), {sign}SUM("Paused"), {sign}SUM("Finished"),
                    {sign}SUM("Early"), {sign}SUM("OnTime"), {sign}SUM("Late"), {sign}SUM("Stopped")
                FROM sla_dossier_parts WHERE "Id" = {row}."Id" GROUP BY "UnitCode", "ProcedureCode", "Day"
                ON CONFLICT ("UnitCode", "ProcedureCode", "Day") DO UPDATE SET
                    "Received" = "Received" + excluded."Received", "Open" = "Open" + excluded."Open", "Paused" = "Paused" + excluded."Paused",
                    "Finished" = "Finished" + excluded."Finished", "Early" = "Early" + excluded."Early", "OnTime" = "OnTime" + excluded."OnTime",
                    "Late" = "Late" + excluded."Late", "Stopped" = "Stopped" + excluded."Stopped";
            """;
    }
}
