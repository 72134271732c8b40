package jobs.x402.console.migration;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A view of a connection on which Liquibase's own commits (and its rollbacks of healthy transactions) do nothing, so everything it runs (the changeset, its
 * DATABASECHANGELOG row, the lock-table bookkeeping) lands in the one transaction the console commits or rolls back
 * itself. Liquibase commits after each step; a crash between those commits is what could leave a migration applied
 * without its record, and a dry run could not be undone.
 */
final class SingleTransactionConnection implements InvocationHandler {
    private final Connection target;

    private SingleTransactionConnection(Connection target) {
        this.target = target;
    }

    /** The connection must already have auto-commit off; the caller keeps owning (and closing) it. */
    static Connection wrap(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("the migration transaction needs auto-commit off");
        }
        return (Connection) Proxy.newProxyInstance(SingleTransactionConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new SingleTransactionConnection(connection));
    }

    private boolean failed() throws SQLException {
        return target.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "commit", "close", "setAutoCommit" -> {
                return null; // the console decides when the transaction ends, and who closes the connection
            }
            case "getAutoCommit" -> {
                return false;
            }
            case "rollback" -> {
                // Liquibase rolls back when it closes its connection, even after success; only a transaction
                // the server already failed is really rolled back, so Liquibase can report the first error
                if (args == null && !failed()) {
                    return null;
                }
            }
            case "unwrap" -> {
                if (args != null && args[0] instanceof Class<?> type && type.isInstance(target)) {
                    return target;
                }
            }
            case "isWrapperFor" -> {
                if (args != null && args[0] instanceof Class<?> type && type.isInstance(target)) {
                    return true;
                }
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "SingleTransactionConnection[" + target + "]";
            }
            default -> {
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
