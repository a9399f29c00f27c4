using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Decisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DecisionDuties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Duty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionDuties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionDuties_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionDuties_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RuleKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RuleJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    ChairAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    FacilitatorAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    AppealWindowDays = table.Column<int>(type: "integer", nullable: false),
                    EscalateAfterRounds = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Because = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ReversedOnAppeal = table.Column<bool>(type: "boolean", nullable: false),
                    Designation = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosingJson = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    PositionsTaken = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Proposals_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Proposals_Proposals_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SeatHolders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    StakeholderGroupId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeatHolders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeatHolders_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SeatHolders_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SeatHolders_StakeholderGroups_StakeholderGroupId",
                        column: x => x.StakeholderGroupId,
                        principalTable: "StakeholderGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    Grounds = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Ruling = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RulingReason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    ReviewerAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RuledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appeals_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appeals_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MinorityViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinorityViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MinorityViews_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MinorityViews_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProposalLink",
                columns: table => new
                {
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TargetId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalLink", x => new { x.ProposalId, x.Kind, x.TargetId });
                    table.ForeignKey(
                        name: "FK_ProposalLink_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalPositions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    StakeholderGroupId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Stance = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalPositions_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposalPositions_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposalPositions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposalPositions_StakeholderGroups_StakeholderGroupId",
                        column: x => x.StakeholderGroupId,
                        principalTable: "StakeholderGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProposalProxies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    FromParticipantId = table.Column<int>(type: "integer", nullable: false),
                    ToParticipantId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalProxies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalProxies_Participants_FromParticipantId",
                        column: x => x.FromParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposalProxies_Participants_ToParticipantId",
                        column: x => x.ToParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposalProxies_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RuleChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RuleChanges_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ObjectionResponses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PositionId = table.Column<long>(type: "bigint", nullable: false),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectionResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObjectionResponses_ProposalPositions_PositionId",
                        column: x => x.PositionId,
                        principalTable: "ProposalPositions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ObjectionResponses_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_ParticipantId",
                table: "Appeals",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_ProposalId",
                table: "Appeals",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionDuties_AccountId",
                table: "DecisionDuties",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionDuties_ProcessId_AccountId_Duty",
                table: "DecisionDuties",
                columns: new[] { "ProcessId", "AccountId", "Duty" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MinorityViews_ParticipantId",
                table: "MinorityViews",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_MinorityViews_ProposalId",
                table: "MinorityViews",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectionResponses_PositionId",
                table: "ObjectionResponses",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectionResponses_ProposalId_PositionId",
                table: "ObjectionResponses",
                columns: new[] { "ProposalId", "PositionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProposalPositions_ParticipantId",
                table: "ProposalPositions",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalPositions_ProposalId_Round_ParticipantId",
                table: "ProposalPositions",
                columns: new[] { "ProposalId", "Round", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalPositions_RegionId",
                table: "ProposalPositions",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalPositions_StakeholderGroupId",
                table: "ProposalPositions",
                column: "StakeholderGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalProxies_FromParticipantId",
                table: "ProposalProxies",
                column: "FromParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalProxies_ProposalId_FromParticipantId",
                table: "ProposalProxies",
                columns: new[] { "ProposalId", "FromParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalProxies_ToParticipantId",
                table: "ProposalProxies",
                column: "ToParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ParentId",
                table: "Proposals",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ProcessId_Id",
                table: "Proposals",
                columns: new[] { "ProcessId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RuleChanges_ProposalId",
                table: "RuleChanges",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_SeatHolders_ParticipantId",
                table: "SeatHolders",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_SeatHolders_ProcessId_ParticipantId_From",
                table: "SeatHolders",
                columns: new[] { "ProcessId", "ParticipantId", "From" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SeatHolders_StakeholderGroupId",
                table: "SeatHolders",
                column: "StakeholderGroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "DecisionDuties");

            migrationBuilder.DropTable(
                name: "MinorityViews");

            migrationBuilder.DropTable(
                name: "ObjectionResponses");

            migrationBuilder.DropTable(
                name: "ProposalLink");

            migrationBuilder.DropTable(
                name: "ProposalProxies");

            migrationBuilder.DropTable(
                name: "RuleChanges");

            migrationBuilder.DropTable(
                name: "SeatHolders");

            migrationBuilder.DropTable(
                name: "ProposalPositions");

            migrationBuilder.DropTable(
                name: "Proposals");
        }
    }
}
