package jobs.x402.console.ui;

import jobs.x402.console.target.TargetIdentity;

/**
 * How a view model asks the operator before a change: the window shows a dialog with the target banner and the
 * preview; view-model tests answer from a script. A view model never opens a window itself.
 */
public interface Dialogs {

    /**
     * A change that can be undone or that only records: the target banner, what will happen and, when there is
     * one, the exact SQL; true when the operator pressed the action button.
     */
    boolean confirm(TargetIdentity target, String title, String text, String sql, String actionLabel);

    /**
     * A step that loses nothing (enable a key, verify every key, store a user's first key): as {@link #confirm}, but
     * the action is the default button, so Enter does it. {@link #confirm} keeps Enter on Cancel for the changes that
     * can hurt. A face without that distinction asks as {@link #confirm} does.
     */
    default boolean confirmSafe(TargetIdentity target, String title, String text, String sql, String actionLabel) {
        return confirm(target, title, text, sql, actionLabel);
    }

    /**
     * An irreversible change: as {@link #confirm}, and the action button stays disabled until the operator typed the
     * database's name. Returns the name typed (the service checks it again), or null when cancelled.
     */
    String confirmTyped(TargetIdentity target, String title, String text, String sql, String actionLabel);

    /** Always yes (typing the right name): for tests and flows whose confirmation was asked already. */
    Dialogs YES = new Dialogs() {
        @Override
        public boolean confirm(TargetIdentity target, String title, String text, String sql, String actionLabel) {
            return true;
        }

        @Override
        public String confirmTyped(TargetIdentity target, String title, String text, String sql,
                                   String actionLabel) {
            return target.database();
        }
    };

    /** Always no. */
    Dialogs NO = new Dialogs() {
        @Override
        public boolean confirm(TargetIdentity target, String title, String text, String sql, String actionLabel) {
            return false;
        }

        @Override
        public String confirmTyped(TargetIdentity target, String title, String text, String sql,
                                   String actionLabel) {
            return null;
        }
    };
}
