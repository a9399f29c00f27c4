using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Postgres
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

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "Statements",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(280)",
                oldMaxLength: 280);

            migrationBuilder.AddColumn<int>(
                name: "ExternalId",
                table: "Statements",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportKey",
                table: "Conversations",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "AspNetUsers",
                type: "character varying(32)",
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

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "Statements",
                type: "character varying(280)",
                maxLength: 280,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ProcessId",
                table: "Conversations",
                column: "ProcessId");
        }
    }
}
