using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentPageIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_VersionNumber_ParentId_Id",
                table: "Comments",
                columns: new[] { "ConsultationId", "VersionNumber", "ParentId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_VersionNumber_ParentId_Id",
                table: "Comments");
        }
    }
}
