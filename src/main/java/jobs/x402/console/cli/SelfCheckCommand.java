package jobs.x402.console.cli;

import jobs.x402.console.core.BuildInfo;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.selfcheck.CheckResult;
import jobs.x402.console.selfcheck.SelfCheckReport;
import jobs.x402.console.session.InstallationCheck;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --self-check}: runs the installation checks and prints them as text or one JSON document. */
final class SelfCheckCommand {
    private final CliContext context;
    private final OutputOptions output;

    SelfCheckCommand(CliContext context, OutputOptions output) {
        this.context = context;
        this.output = output;
    }

    int run() {
        SelfCheckReport report = InstallationCheck.run(new CliProgress(context.err(), output.quiet || output.json));
        if (output.json) {
            output.printJson(context.out(), document(report));
        } else {
            print(context.out(), report);
        }
        return report.ok() ? ExitCode.SUCCESS.code() : ExitCode.CHECK_FAILED.code();
    }

    static Map<String, Object> document(SelfCheckReport report) {
        BuildInfo build = BuildInfo.current();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", report.ok());
        doc.put("version", build.version());
        doc.put("commit", build.commit());
        doc.put("java", System.getProperty("java.version"));
        doc.put("javaHome", System.getProperty("java.home"));
        doc.put("totalMillis", report.totalMillis());
        List<Map<String, Object>> checks = report.checks().stream().map(SelfCheckCommand::describe).toList();
        doc.put("checks", checks);
        return doc;
    }

    private static Map<String, Object> describe(CheckResult result) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", result.name());
        check.put("ok", result.ok());
        check.put("millis", result.millis());
        check.put("description", result.description());
        check.put("detail", result.detail());
        return check;
    }

    private static void print(PrintWriter out, SelfCheckReport report) {
        for (CheckResult result : report.checks()) {
            out.printf("%-4s  %-17s %6d ms  %s%n", result.ok() ? "ok" : "FAIL", result.name(), result.millis(),
                    result.detail());
        }
        int failed = report.failures().size();
        out.printf("%s in %.1f s%n", failed == 0 ? "All " + report.checks().size() + " checks passed"
                : failed + " of " + report.checks().size() + " checks failed", report.totalMillis() / 1000.0);
        out.flush();
    }
}
