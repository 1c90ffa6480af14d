using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenTaskIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_State_Assignee",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_State_DueAt",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_open_Assignee",
                table: "tasks",
                column: "Assignee",
                filter: "\"State\" = 'open'");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_open_DueAt",
                table: "tasks",
                column: "DueAt",
                filter: "\"State\" = 'open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_open_Assignee",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_open_DueAt",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_State_Assignee",
                table: "tasks",
                columns: new[] { "State", "Assignee" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_State_DueAt",
                table: "tasks",
                columns: new[] { "State", "DueAt" });
        }
    }
}
