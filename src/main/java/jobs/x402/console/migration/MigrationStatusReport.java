package jobs.x402.console.migration;

import java.time.Instant;
import java.util.List;

/**
 * Migration 005 on one target: the verdict, the Liquibase record behind it and the evidence object by object.
 *
 * @param record          the DATABASECHANGELOG row of 005, or null
 * @param checksumMatches false when the recorded checksum differs from the changelog the console carries
 * @param readMillis      how long reading the evidence took
 */
public record MigrationStatusReport(Instant readAt, MigrationState state, ChangelogRow record,
                                    boolean checksumMatches, String changelogChecksum, List<ObjectCheck> objects,
                                    List<MigrationPrerequisite> prerequisites, LiquibaseLockRow lock,
                                    long readMillis) {

    public boolean recorded() {
        return record != null;
    }

    public List<ObjectCheck> differences() {
        return objects.stream().filter(o -> !o.matches()).toList();
    }

    public List<MigrationPrerequisite> missingPrerequisites() {
        return prerequisites.stream().filter(p -> !p.present()).toList();
    }

    public boolean prerequisitesMet() {
        return missingPrerequisites().isEmpty();
    }

    public long matchingObjects() {
        return objects.stream().filter(ObjectCheck::matches).count();
    }

    /** "applied (22/22 objects match)": one line for banners, the overview and logs. */
    public String summary() {
        StringBuilder line = new StringBuilder(state.label()).append(" (").append(matchingObjects()).append('/')
                .append(objects.size()).append(" objects match the specification");
        if (!checksumMatches) {
            line.append("; the recorded checksum differs from this console's changelog");
        }
        if (!prerequisitesMet()) {
            line.append("; missing prerequisites: ").append(String.join(", ",
                    missingPrerequisites().stream().map(MigrationPrerequisite::name).toList()));
        }
        return line.append(')').toString();
    }
}
