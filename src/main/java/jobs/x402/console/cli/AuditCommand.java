package jobs.x402.console.cli;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.session.AuditApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "audit", header = "The local audit log of every change.", mixinStandardHelpOptions = true,
        description = {"The local audit log: every change this machine's consoles made, on which target, by whom,"
                + " and how it ended. It holds identifiers and outcomes, never a secret."},
        subcommands = {AuditCommand.ListEntries.class})
final class AuditCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Command(name = "list", header = "Entries, newest first, filtered.", mixinStandardHelpOptions = true,
            description = "Entries of the audit log, newest first; filter by action, text and time.")
    static final class ListEntries implements Callable<Integer> {
        private final CliContext context;
        @Mixin
        OutputOptions output;
        @Option(names = "--action", paramLabel = "ACTION",
                description = "An action or its start, e.g. keys. or migration.apply.")
        String action;
        @Option(names = "--search", paramLabel = "TEXT",
                description = "Part of the target, subject, result or role (any case).")
        String search;
        @Option(names = "--since", paramLabel = "WHEN",
                description = "Only entries since then: 30m, 12h, 7d, a date (2026-12-01) or an instant.")
        String since;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most N entries (default ${DEFAULT-VALUE}; 0 for all).")
        int limit;

        ListEntries(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (limit < 0) {
                throw jobs.x402.console.core.OperatorException.usage("--limit " + limit + " is negative",
                        "give a number of entries, or 0 for all");
            }
            Instant from = since == null ? null : AuditApi.parseSince(since, Instant.now());
            AuditApi.AuditPage page = AuditApi.of(context.environment())
                    .entries(new AuditApi.AuditQuery(action, search, from, limit));
            if (output.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("file", page.file());
                doc.put("total", page.total());
                doc.put("matched", page.matched());
                doc.put("entries", page.entries());
                output.printJson(context.out(), doc);
                return 0;
            }
            print(context.out(), page);
            return 0;
        }
    }

    static void print(PrintWriter out, AuditApi.AuditPage page) {
        if (page.total() == 0) {
            out.println("the audit log is empty (" + page.file() + ")");
            out.flush();
            return;
        }
        List<AuditLog.Entry> entries = page.entries();
        for (AuditLog.Entry e : entries) {
            out.printf("%s  %-26s %-10s %s  %s%s%n", TIME.format(e.at()), e.action(), e.result(),
                    e.subject() == null ? "" : e.subject(), e.target() == null ? "" : "on " + e.target(),
                    e.databaseRole() == null ? "" : " as " + e.databaseRole());
        }
        out.println(entries.size() + " of " + page.matched() + " matching (" + page.total() + " in "
                + page.file() + ")");
        out.flush();
    }
}
