using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Breakouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Breakouts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Strategy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Questions = table.Column<List<string>>(type: "text[]", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Breakouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Breakouts_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TableDeclarations",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    Table = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TableDeclarations", x => new { x.SessionId, x.ParticipantId });
                    table.ForeignKey(
                        name: "FK_TableDeclarations_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TableDeclarations_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreakoutGroups",
                columns: table => new
                {
                    BreakoutId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: true),
                    RapporteurParticipantId = table.Column<int>(type: "integer", nullable: true),
                    Report = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    ReportVersion = table.Column<int>(type: "integer", nullable: false),
                    ReportEditorAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReportEditorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReportEditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reminders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreakoutGroups", x => new { x.BreakoutId, x.Number });
                    table.ForeignKey(
                        name: "FK_BreakoutGroups_Breakouts_BreakoutId",
                        column: x => x.BreakoutId,
                        principalTable: "Breakouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreakoutMembers",
                columns: table => new
                {
                    BreakoutId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    GroupNumber = table.Column<int>(type: "integer", nullable: false),
                    StakeholderGroupId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreakoutMembers", x => new { x.BreakoutId, x.ParticipantId });
                    table.ForeignKey(
                        name: "FK_BreakoutMembers_Breakouts_BreakoutId",
                        column: x => x.BreakoutId,
                        principalTable: "Breakouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BreakoutMembers_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BreakoutMembers_BreakoutId_GroupNumber",
                table: "BreakoutMembers",
                columns: new[] { "BreakoutId", "GroupNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_BreakoutMembers_ParticipantId",
                table: "BreakoutMembers",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Breakouts_SessionId",
                table: "Breakouts",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_TableDeclarations_ParticipantId",
                table: "TableDeclarations",
                column: "ParticipantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BreakoutGroups");

            migrationBuilder.DropTable(
                name: "BreakoutMembers");

            migrationBuilder.DropTable(
                name: "TableDeclarations");

            migrationBuilder.DropTable(
                name: "Breakouts");
        }
    }
}
