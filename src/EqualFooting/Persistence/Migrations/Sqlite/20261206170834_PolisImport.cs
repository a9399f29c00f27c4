using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolisImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_ProcessId",
                table: "Conversations");

            migrationBuilder.AddColumn<int>(
                name: "ExternalId",
                table: "Statements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportKey",
                table: "Conversations",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ProcessId_ImportKey",
                table: "Conversations",
                columns: new[] { "ProcessId", "ImportKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_ProcessId_ImportKey",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ImportKey",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ProcessId",
                table: "Conversations",
                column: "ProcessId");
        }
    }
}
