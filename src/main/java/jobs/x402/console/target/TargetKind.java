package jobs.x402.console.target;

/** How far from the operator a target is; remote targets are shown in red and guarded hardest. */
public enum TargetKind {
    SANDBOX, LOCAL, REMOTE
}
