using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MailedAt",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeMail",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NoticeMailCulture",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NoticeMailSince",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Follows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Follows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Follows_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoticeDigests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Notices = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeDigests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeDigests_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Swept",
                table: "Notifications",
                columns: new[] { "AccountId", "Kind", "ItemId" },
                unique: true,
                filter: "\"Kind\" IN ('ConsultationVersionPublished', 'ConsultationClosingSoon')");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NoticeMail",
                table: "AspNetUsers",
                column: "NoticeMail");

            migrationBuilder.CreateIndex(
                name: "IX_Follows_AccountId_Subject_SubjectId",
                table: "Follows",
                columns: new[] { "AccountId", "Subject", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Follows_Subject_SubjectId",
                table: "Follows",
                columns: new[] { "Subject", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeDigests_AccountId_Day",
                table: "NoticeDigests",
                columns: new[] { "AccountId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Follows");

            migrationBuilder.DropTable(
                name: "NoticeDigests");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Swept",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NoticeMail",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "MailedAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "NoticeMail",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NoticeMailCulture",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NoticeMailSince",
                table: "AspNetUsers");
        }
    }
}
