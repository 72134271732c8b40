package jobs.x402.console.selfcheck;

/** One thing the installed console needs to work; {@link #run()} returns what it saw or throws what is wrong. */
public interface StartupCheck {
    /** Short stable identifier, used as the JSON key and in the text report. */
    String name();

    /** What the check proves, in one line for the operator. */
    String description();

    String run() throws Exception;
}
