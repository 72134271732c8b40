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

    /** Always yes: for tests and for flows whose confirmation the page asked already. */
    Dialogs YES = (target, title, text, sql, actionLabel) -> true;

    /** Always no. */
    Dialogs NO = (target, title, text, sql, actionLabel) -> false;
}
