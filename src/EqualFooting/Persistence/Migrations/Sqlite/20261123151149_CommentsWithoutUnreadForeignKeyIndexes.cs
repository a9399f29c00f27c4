using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentsWithoutUnreadForeignKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_AffiliationId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_AuthorParticipantId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_RegionId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_StakeholderGroupId",
                table: "Comments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Comments_AffiliationId",
                table: "Comments",
                column: "AffiliationId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_AuthorParticipantId",
                table: "Comments",
                column: "AuthorParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_RegionId",
                table: "Comments",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_StakeholderGroupId",
                table: "Comments",
                column: "StakeholderGroupId");
        }
    }
}
