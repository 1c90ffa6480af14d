using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecurityReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "BusinessKey",
                table: "instances",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "definition_owners",
                columns: table => new
                {
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_definition_owners", x => new { x.DefinitionKey, x.UserName });
                });

            // A database that lived through the race this index closes may hold two published versions of a key:
            // the newest stays published, the others become retired (their instances keep running).
            migrationBuilder.Sql("""
                UPDATE definitions SET "Status" = 'retired'
                WHERE "Status" = 'published' AND EXISTS (
                    SELECT 1 FROM definitions newer
                    WHERE newer."Key" = definitions."Key" AND newer."Status" = 'published' AND newer."Version" > definitions."Version");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_definitions_one_published_per_key",
                table: "definitions",
                column: "Key",
                unique: true,
                filter: "\"Status\" = 'published'");

            migrationBuilder.CreateIndex(
                name: "IX_definition_owners_UserName",
                table: "definition_owners",
                column: "UserName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "definition_owners");

            migrationBuilder.DropIndex(
                name: "IX_definitions_one_published_per_key",
                table: "definitions");

            migrationBuilder.AlterColumn<string>(
                name: "BusinessKey",
                table: "instances",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);
        }
    }
}
