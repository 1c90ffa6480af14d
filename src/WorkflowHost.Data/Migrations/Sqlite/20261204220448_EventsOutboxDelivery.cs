using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventsOutboxDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CorrelationKey",
                table: "outbox",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HangfireJobId",
                table: "outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerScope",
                table: "outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "outbox",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                columns: table => new
                {
                    OutboxId = table.Column<long>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_deliveries", x => new { x.OutboxId, x.InstanceId });
                });

            migrationBuilder.CreateTable(
                name: "signal_subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngineSubscriptionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SignalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signal_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_Status",
                table: "outbox",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_signal_subscriptions_InstanceId_EngineSubscriptionId",
                table: "signal_subscriptions",
                columns: new[] { "InstanceId", "EngineSubscriptionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signal_subscriptions_SignalName",
                table: "signal_subscriptions",
                column: "SignalName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_deliveries");

            migrationBuilder.DropTable(
                name: "signal_subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_outbox_Status",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "CorrelationKey",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "HangfireJobId",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "OwnerScope",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "outbox");
        }
    }
}
