using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentListingIndexCoversParagraphs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_VersionNumber_ParagraphId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_VersionNumber_ParentId_Id",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Listing",
                table: "Comments",
                columns: new[] { "ConsultationId", "VersionNumber", "ParentId", "Id", "ParagraphId", "StakeholderGroupId", "RegionId", "WithdrawnAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_Listing",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_VersionNumber_ParagraphId",
                table: "Comments",
                columns: new[] { "ConsultationId", "VersionNumber", "ParagraphId" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_VersionNumber_ParentId_Id",
                table: "Comments",
                columns: new[] { "ConsultationId", "VersionNumber", "ParentId", "Id" });
        }
    }
}
