using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecurityReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "definition_owners",
                columns: table => new
                {
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
        }
    }
}
