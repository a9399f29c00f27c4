using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EqualFooting.Persistence.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Duty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RuleKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RuleJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    ChairAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FacilitatorAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    AppealWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EscalateAfterRounds = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Because = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ReversedOnAppeal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Designation = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosingJson = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    PositionsTaken = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    StakeholderGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Grounds = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Ruling = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RulingReason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    ReviewerAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RuledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    StakeholderGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stance = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PositionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
