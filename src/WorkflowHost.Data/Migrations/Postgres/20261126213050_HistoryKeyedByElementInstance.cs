using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HistoryKeyedByElementInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_history",
                table: "history");

            migrationBuilder.DropIndex(
                name: "IX_history_InstanceId_ElementInstanceId",
                table: "history");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "history");

            migrationBuilder.AddPrimaryKey(
                name: "PK_history",
                table: "history",
                columns: new[] { "InstanceId", "ElementInstanceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_history",
                table: "history");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "history",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddPrimaryKey(
                name: "PK_history",
                table: "history",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_history_InstanceId_ElementInstanceId",
                table: "history",
                columns: new[] { "InstanceId", "ElementInstanceId" });
        }
    }
}
