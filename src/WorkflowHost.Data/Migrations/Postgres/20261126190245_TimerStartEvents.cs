using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimerStartEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DefinitionKey",
                table: "timers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DefinitionVersion",
                table: "timers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Occurrence",
                table: "timers",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefinitionKey",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "DefinitionVersion",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "Occurrence",
                table: "timers");
        }
    }
}
