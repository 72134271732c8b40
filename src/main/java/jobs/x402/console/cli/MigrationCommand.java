package jobs.x402.console.cli;

import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.MigrationApi;
import jobs.x402.console.session.MigrationText;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.target.TargetKind;
import jobs.x402.console.migration.AdoptResult;
import jobs.x402.console.migration.ApplyResult;
import jobs.x402.console.migration.ChangelogRow;
import jobs.x402.console.migration.DryRunResult;
import jobs.x402.console.migration.LiquibaseLockRow;
import jobs.x402.console.migration.LockReport;
import jobs.x402.console.migration.MigrationHistory;
import jobs.x402.console.migration.MigrationPreview;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.migration.ObjectCheck;
import jobs.x402.console.migration.RestoreResult;
import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.migration.RollbackResult;
import jobs.x402.console.migration.StatementRun;
import jobs.x402.console.migration.VerificationReport;
import jobs.x402.console.migration.VerificationStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "migration", header = "Migration 005: status, apply, verify, roll back.",
        mixinStandardHelpOptions = true,
        description = "Migration 005 (OpenRouter keys and openrouter_instant resources): status, preview, dry run,"
                + " apply or adopt, verify, guarded rollback with backup, restore, history and locks.",
        subcommands = {MigrationCommand.Status.class, MigrationCommand.Preview.class, MigrationCommand.DryRun.class,
                MigrationCommand.Apply.class, MigrationCommand.Adopt.class, MigrationCommand.Verify.class,
                MigrationCommand.Rollback.class, MigrationCommand.Restore.class, MigrationCommand.History.class,
                MigrationCommand.Locks.class})
final class MigrationCommand {

    /** What every migration subcommand shares: the target, the output mode, a session and the services. */
    abstract static class Subcommand implements Callable<Integer> {
        final CliContext context;
        @Mixin
        TargetOptions target;
        @Mixin
        OutputOptions output;

        Subcommand(CliContext context) {
            this.context = context;
        }

        @Override
        public final Integer call() throws Exception {
            CliProgress progress = new CliProgress(context.err(), output.quiet);
            try (ConsoleSession session = target.open(context, progress)) {
                return run(session, session.migration(), progress);
            }
        }

        abstract int run(ConsoleSession session, MigrationApi migration, CliProgress progress) throws Exception;

        PrintWriter out() {
            return context.out();
        }

        /** The target banner on stderr before anything that changes the target; remote targets are flagged. */
        void banner(TargetIdentity identity) {
            if (output.quiet) {
                return;
            }
            String marker = identity.kind() == TargetKind.REMOTE ? "!! REMOTE TARGET !! " : "";
            context.err().println("target: " + marker + identity.bannerLine());
            identity.warnings().forEach(w -> context.err().println("warning: " + w));
            context.err().flush();
        }

        Map<String, Object> document(TargetIdentity identity) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("target", DbCommand.describe(identity));
            return doc;
        }

        void printJson(Map<String, Object> doc) {
            output.printJson(out(), doc);
        }
    }

    static Duration lockTimeout(int seconds) {
        if (seconds < 1) {
            throw OperatorException.usage("--lock-timeout must be at least 1 second", "e.g. --lock-timeout 10");
        }
        return Duration.ofSeconds(seconds);
    }

    static void printStatus(PrintWriter out, MigrationStatusReport status) {
        out.println("migration 005: " + status.summary());
        out.println("  schema variant: " + status.schemaVariant().label() + " (key table "
                + status.schemaVariant().keyTable() + ", catalog " + status.schemaVariant().modelCatalog() + ")"
                + (status.variantEvidence() == null ? "" : ": " + status.variantEvidence()));
        out.println("  " + status.recordedBy());
        out.println("  Supabase CLI: " + status.supabaseCli().describe());
        if (status.recorded()) {
            out.println("  recorded " + status.record().dateExecuted() + " (" + status.record().execType()
                    + ", deployment " + status.record().deploymentId() + ", checksum " + status.record().checksum()
                    + ")");
        } else {
            out.println("  no Liquibase record in x402_console.databasechangelog");
        }
        if (status.lock().locked()) {
            out.println("  Liquibase lock: " + status.lock().describe());
        }
        status.missingPrerequisites().forEach(p -> out.println("  MISSING prerequisite " + p.name() + " (" + p.kind()
                + "): " + p.why()));
        for (ObjectCheck o : status.objects()) {
            String mark = switch (o.finding()) {
                case MATCHES -> "ok     ";
                case ABSENT -> "absent ";
                case DIFFERENT -> "DIFFERS";
            };
            out.printf("  [%s] %-18s %s%n", mark, o.kind(), o.name());
            if (!o.matches()) {
                out.println("            expected: " + o.expected());
                out.println("            found:    " + o.actual());
            } else {
                out.println("            " + o.actual());
            }
        }
        out.println("  (evidence read in " + status.readMillis() + " ms)");
    }

    static void printStatements(PrintWriter out, List<StatementRun> runs) {
        for (StatementRun run : runs) {
            String first = run.sql().strip().lines().findFirst().orElse("");
            out.printf("  %3d %s %5d ms  %s%s%n", run.number(), run.migrationStatement() ? "sql" : "lbk", run.millis(),
                    first.length() > 90 ? first.substring(0, 87) + "..." : first,
                    run.error() == null ? "" : "\n      ERROR: " + run.error());
        }
    }

    @Command(name = "status", header = "Pending, applied or drifted, with the evidence.",
            mixinStandardHelpOptions = true,
            description = "Pending / applied / applied without a Liquibase record / partly applied / drifted, with the"
                    + " evidence for every object.")
    static final class Status extends Subcommand {
        Status(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            MigrationStatusReport status = migration.status();
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
                doc.put("schemaVariant", status.schemaVariant().label());
                doc.put("summary", status.summary());
                doc.put("recordedBy", status.recordedBy());
                doc.put("supabaseCliVersion", status.supabaseCli().records005() ? SchemaVariant.SUPABASE_CLI_VERSION
                        : null);
                doc.put("status", status);
                printJson(doc);
            } else {
                out().println(session.identity().bannerLine());
                printStatus(out(), status);
            }
            return 0;
        }
    }

    @Command(name = "preview", header = "The exact SQL of apply and of rollback.", mixinStandardHelpOptions = true,
            description = "The exact SQL apply would run, and the exact SQL rollback would run.")
    static final class Preview extends Subcommand {
        Preview(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            MigrationPreview preview = migration.preview();
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("preview", preview);
                doc.put("bookkeeping", MigrationPreview.BOOKKEEPING);
                printJson(doc);
            } else {
                printPreview(out(), preview);
            }
            return 0;
        }
    }

    static void printPreview(PrintWriter out, MigrationPreview preview) {
        out.println("-- changeset " + preview.changeSet() + " (checksum " + preview.checksum() + "), state: "
                + preview.state().label());
        out.println("-- APPLY: " + preview.applyNote() + " (" + preview.applyCount() + ")");
        if (preview.firstRunNote() != null) {
            out.println("-- FIRST RUN: " + preview.firstRunNote() + ", before the migration's statements:");
            preview.bookkeepingStatements().forEach(s -> out.println(s + ";"));
            out.println("-- the migration's statements:");
        }
        preview.applyStatements().forEach(s -> out.println(s + ";"));
        out.println();
        out.println("-- ROLLBACK: " + preview.rollbackNote());
        preview.rollbackStatements().forEach(s -> out.println(s + ";"));
        out.println();
        out.println("-- " + MigrationPreview.BOOKKEEPING);
    }

    @Command(name = "dry-run", header = "Apply in a transaction, then roll it back.", mixinStandardHelpOptions = true,
            description = "Run apply inside a transaction and roll it back; exits 1 when apply would fail.")
    static final class DryRun extends Subcommand {
        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "" + MigrationApi.DEFAULT_LOCK_TIMEOUT_SECONDS,
                description = "How long to wait for table locks (default ${DEFAULT-VALUE}).")
        int lockTimeoutSeconds;

        DryRun(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            banner(session.identity());
            DryRunResult result = migration.dryRun(lockTimeout(lockTimeoutSeconds), progress);
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("dryRun", result);
                printJson(doc);
            } else if (result.nothingToDo()) {
                out().println("dry run: nothing to do, 005 is already applied");
            } else {
                printStatements(out(), result.statements());
                if (result.wouldSucceed()) {
                    out().println("dry run: apply would SUCCEED (" + result.statements().size()
                            + " statements, rolled back; nothing persisted) in " + result.millis() + " ms");
                } else {
                    out().println("dry run: apply would FAIL" + (result.failed() == null ? ""
                            : " at statement " + result.failed().number()) + ": " + result.error());
                    out().println("nothing persisted");
                }
            }
            return result.wouldSucceed() ? 0 : 1;
        }
    }

    @Command(name = "apply", header = "Apply 005 in one transaction. Needs --yes.", mixinStandardHelpOptions = true,
            description = "Apply 005 in one transaction. Without --yes it shows the target and the SQL and exits 4.")
    static final class Apply extends Subcommand {
        @Option(names = "--yes", description = "Confirm: apply 005 to the target shown.")
        boolean yes;
        @Option(names = "--record-supabase-version", paramLabel = "VERSION",
                description = "Also record this version in the Supabase CLI's history (only 20260128100003, the"
                        + " migration's own, and only when your repository has that migration file).")
        String recordSupabaseVersion;
        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "" + MigrationApi.DEFAULT_LOCK_TIMEOUT_SECONDS,
                description = "How long to wait for table locks (default ${DEFAULT-VALUE}).")
        int lockTimeoutSeconds;

        Apply(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            banner(session.identity());
            if (!yes && !output.json) {
                printPreview(context.err(), migration.preview());
            }
            ApplyResult result = migration.apply(new MigrationApi.ApplyRequest(Confirmation.of(yes), recordSupabaseVersion,
                    lockTimeout(lockTimeoutSeconds)), progress);
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("applied", result.applied());
                doc.put("alreadyApplied", !result.applied());
                doc.put("result", result);
                printJson(doc);
            } else if (!result.applied()) {
                out().println(MigrationText.applied(result, session.identity().database()));
            } else {
                printStatements(out(), result.statements());
                out().println(MigrationText.applied(result, session.identity().database()));
            }
            return 0;
        }
    }

    @Command(name = "adopt", header = "Record a hand-applied 005 that matches the spec.",
            mixinStandardHelpOptions = true,
            description = "Record a hand-applied 005 as applied, only if every object matches the specification.")
    static final class Adopt extends Subcommand {
        @Option(names = "--yes", description = "Confirm: record 005 as applied.")
        boolean yes;
        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "" + MigrationApi.DEFAULT_LOCK_TIMEOUT_SECONDS,
                description = "How long to wait for table locks (default ${DEFAULT-VALUE}).")
        int lockTimeoutSeconds;

        Adopt(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            banner(session.identity());
            AdoptResult result = migration.adopt(Confirmation.of(yes), lockTimeout(lockTimeoutSeconds), progress);
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("adopted", result.adopted());
                doc.put("status", result.after());
                printJson(doc);
            } else {
                out().println(MigrationText.adopted(result));
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "The seed's verification walkthrough; exits 1 when any step fails.")
    static final class Verify extends Subcommand {
        @Option(names = "--report", paramLabel = "FILE.md", description = "Also write the walkthrough as Markdown.")
        Path report;

        Verify(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            VerificationReport report = migration.verify(progress);
            if (this.report != null) {
                migration.writeReport(report, this.report);
            }
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("passed", report.passed());
                doc.put("report", report);
                doc.put("markdownFile", this.report == null ? null : this.report.toAbsolutePath().toString());
                printJson(doc);
            } else {
                out().println(session.identity().bannerLine());
                for (VerificationStep step : report.steps()) {
                    out().printf("  [%s] %2d. %s%n", step.passed() ? "pass" : "FAIL", step.number(), step.title());
                    out().println("           " + step.result());
                    if (!step.passed()) {
                        step.evidence().forEach(e -> out().println("             - " + e));
                    }
                }
                out().println("verification " + MigrationText.verificationSummary(report));
                if (this.report != null) {
                    out().println("report written to " + this.report.toAbsolutePath());
                }
            }
            return report.passed() ? 0 : 1;
        }
    }

    @Command(name = "rollback", header = "Roll 005 back, after a backup of what it destroys.",
            mixinStandardHelpOptions = true,
            description = {"Roll 005 back in one transaction after a backup of every value it destroys.",
                    "Needs --backup FILE --yes --confirm DATABASE (or --no-backup --confirm DATABASE).",
                    "--impact shows what would be destroyed and changes nothing."})
    static final class Rollback extends Subcommand {
        @Option(names = "--backup", paramLabel = "FILE", description = "Where the backup (JSON lines) goes; never"
                + " overwritten.")
        Path backup;
        @Option(names = "--no-backup", description = "Waive the backup (needs --confirm DATABASE).")
        boolean noBackup;
        @Option(names = "--yes", description = "Confirm the rollback.")
        boolean yes;
        @Option(names = "--confirm", paramLabel = "DATABASE", description = "The target database's name, typed to"
                + " confirm an irreversible change.")
        String confirm;
        @Option(names = "--impact", description = "Only show what rollback would destroy or what blocks it.")
        boolean impactOnly;
        @Option(names = "--repair-supabase-history", description = {"Also remove 005's version (20260128100003)"
                + " from the Supabase CLI's history, as `supabase migration repair --status reverted` would.",
                "After a rollback without it, this alone does the repair."})
        boolean repairSupabaseHistory;
        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "" + MigrationApi.DEFAULT_LOCK_TIMEOUT_SECONDS,
                description = "How long to wait for table locks (default ${DEFAULT-VALUE}).")
        int lockTimeoutSeconds;

        Rollback(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            banner(session.identity());
            if (backup != null && noBackup) {
                throw OperatorException.usage("--backup and --no-backup contradict each other", "choose one");
            }
            if (repairSupabaseHistory && !impactOnly) {
                MigrationStatusReport status = migration.status();
                if (status.supabaseCliNeedsRepair()) {
                    if (!yes) {
                        throw OperatorException.refused("Removing " + SchemaVariant.SUPABASE_CLI_VERSION + " from the"
                                + " Supabase CLI's history needs a confirmation. Nothing was changed",
                                "confirm the repair").withAction(jobs.x402.console.core.RemedyAction.CONFIRM);
                    }
                    MigrationStatusReport after = migration.repairSupabaseHistory(Confirmation.given(),
                            lockTimeout(lockTimeoutSeconds));
                    if (output.json) {
                        Map<String, Object> doc = document(session.identity());
                        doc.put("rolledBack", false);
                        doc.put("supabaseCliRepaired", true);
                        doc.put("supabaseCli", after.supabaseCli());
                        printJson(doc);
                    } else {
                        out().println("005 was already rolled back. " + MigrationText.supabaseRepaired(after));
                    }
                    return 0;
                }
            }
            RollbackImpact impact = migration.rollbackImpact();
            if (impactOnly) {
                if (output.json) {
                    Map<String, Object> doc = document(session.identity());
                    doc.put("impact", impact);
                    printJson(doc);
                } else {
                    printImpact(out(), impact);
                }
                return 0;
            }
            if (!output.json && !output.quiet) {
                printImpact(context.err(), impact);
            }
            boolean waive = noBackup && confirm != null;
            if (noBackup && confirm == null) {
                throw OperatorException.refused("--no-backup needs --confirm " + session.identity().database()
                        + ". Nothing was changed", "type the database name to waive the backup");
            }
            Confirmation confirmation = yes ? Confirmation.given(confirm) : Confirmation.typedOnly(confirm);
            RollbackResult result = migration.rollback(new MigrationApi.RollbackRequest(backup, waive, confirmation,
                    lockTimeout(lockTimeoutSeconds), repairSupabaseHistory), progress);
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("rolledBack", true);
                doc.put("backupFile", result.backup() == null ? null : result.backup().file().toAbsolutePath()
                        .toString());
                doc.put("backupSha256", result.backup() == null ? null : result.backup().sha256());
                doc.put("impact", result.impact());
                doc.put("statements", result.statements());
                doc.put("millis", result.millis());
                doc.put("state", result.after().state());
                doc.put("supabaseCliRepaired", result.supabaseCliRepaired());
                doc.put("supabaseCliStillRecords", result.supabaseCliNeedsRepair());
                doc.put("supabaseCliRepairCommand", result.supabaseCliNeedsRepair()
                        ? MigrationText.supabaseRepairCommand() : null);
                printJson(doc);
            } else {
                printStatements(out(), result.statements());
                out().println(MigrationText.rolledBack(result));
            }
            printSupabaseRepairAdvice(context.err(), result.after()); // a warning, in --json and --quiet too
            return 0;
        }
    }

    /** After a rollback the Supabase CLI still lists 005: say so, with the repair command and the console's option. */
    static void printSupabaseRepairAdvice(PrintWriter err, MigrationStatusReport after) {
        String advice = MigrationText.supabaseRepairAdvice(after);
        if (advice != null) {
            err.println("warning: " + advice + ".");
            err.println("  The console's repair: migration rollback --repair-supabase-history --yes");
            err.flush();
        }
    }

    static void printImpact(PrintWriter out, RollbackImpact impact) {
        out.println("rollback impact:");
        MigrationText.impactLines(impact).forEach(line -> out.println("  " + line));
        out.flush();
    }

    @Command(name = "restore", header = "Put a rollback backup back after a new apply.",
            mixinStandardHelpOptions = true,
            description = "Put a rollback backup back after 005 was applied again (byte-identical rows).")
    static final class Restore extends Subcommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "A backup written by `migration rollback`.")
        Path file;
        @Option(names = "--yes", description = "Confirm the restore.")
        boolean yes;
        @Option(names = "--from-other-target", description = "Accept a backup taken from another database.")
        boolean otherTarget;
        @Option(names = "--skip-missing", description = "Skip rows whose user, resource or model is gone.")
        boolean skipMissing;
        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "" + MigrationApi.DEFAULT_LOCK_TIMEOUT_SECONDS,
                description = "How long to wait for table locks (default ${DEFAULT-VALUE}).")
        int lockTimeoutSeconds;

        Restore(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            banner(session.identity());
            RestoreResult result = migration.restore(new MigrationApi.RestoreRequest(file, Confirmation.of(yes),
                    otherTarget, skipMissing, lockTimeout(lockTimeoutSeconds)), progress);
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("file", result.file().toAbsolutePath().toString());
                doc.put("sha256", result.sha256());
                doc.put("keysRestored", result.keysRestored());
                doc.put("resourcesRestored", result.resourcesRestored());
                doc.put("alreadyPresent", result.alreadyPresent());
                doc.put("identical", result.identical());
                doc.put("skipped", result.skipped());
                printJson(doc);
            } else {
                out().println(MigrationText.restored(result));
            }
            return 0;
        }
    }

    @Command(name = "history", header = "DATABASECHANGELOG rows and audit entries.", mixinStandardHelpOptions = true,
            description = "DATABASECHANGELOG rows and this machine's audit entries for migrations.")
    static final class History extends Subcommand {
        History(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            MigrationHistory history = migration.history();
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("changelog", history.changelog());
                doc.put("audit", history.audit());
                printJson(doc);
            } else {
                out().println("x402_console.databasechangelog on " + session.identity().database() + ":");
                if (history.changelog().isEmpty()) {
                    out().println("  (no rows: Liquibase never ran here)");
                }
                for (ChangelogRow row : history.changelog()) {
                    out().printf("  %s %-3d %-28s %-14s %s deployment %s %s%s%n", row.dateExecuted(),
                            row.orderExecuted(), row.id(), row.author(), row.execType(), row.deploymentId(),
                            row.checksum(), row.tag() == null ? "" : " tag " + row.tag());
                }
                out().println("audit (" + migration.auditFile() + "):");
                for (AuditLog.Entry e : history.audit()) {
                    out().printf("  %s %s@%s %s %s → %s%n", e.at(), e.osUser(), e.target(), e.databaseRole(),
                            e.action(), e.result());
                }
            }
            return 0;
        }
    }

    @Command(name = "locks", header = "Who holds the migration lock; release a stale one.",
            mixinStandardHelpOptions = true,
            description = "Who holds the migration lock and since when; --release --yes clears a stale Liquibase"
                    + " lock once you confirmed its holder is gone.")
    static final class Locks extends Subcommand {
        @Option(names = "--release", description = "Release a stale Liquibase lock (needs --yes).")
        boolean release;
        @Option(names = "--yes", description = "Confirm that the lock's holder is gone.")
        boolean yes;

        Locks(CliContext context) {
            super(context);
        }

        @Override
        int run(ConsoleSession session, MigrationApi migration, CliProgress progress) {
            LockReport report = migration.locks();
            LiquibaseLockRow released = null;
            if (release) {
                banner(session.identity());
                released = migration.releaseStaleLock(Confirmation.of(yes));
            }
            if (output.json) {
                Map<String, Object> doc = document(session.identity());
                doc.put("locks", report);
                doc.put("free", report.free());
                doc.put("released", released != null && released.locked());
                printJson(doc);
            } else {
                MigrationText.lockLines(report).forEach(out()::println);
                if (report.liquibaseLockPossiblyStale() && !release) {
                    out().println("  release it with: migration locks --release --yes");
                }
                if (released != null) {
                    out().println(released.locked() ? "released the Liquibase lock (was " + released.describe() + ")"
                            : "nothing to release: the Liquibase lock was free");
                }
            }
            return 0;
        }
    }
}
