package dev.gatehouse.testing;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A real {@link DataSource} that counts the transactions committed and rolled back on its connections, and can hold
 * the next caller of {@link #getConnection()} until the test lets it go, so a test can see what queues up meanwhile.
 * Thread-safe.
 */
public final class CountingDataSource implements DataSource {
    private final DataSource delegate;
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final AtomicReference<Gate> gate = new AtomicReference<>();

    public CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** {@code Connection.commit()} calls so far. */
    public int commits() {
        return commits.get();
    }

    /** {@code Connection.rollback()} calls so far. */
    public int rollbacks() {
        return rollbacks.get();
    }

    /** Holds the next {@link #getConnection()} until {@link Gate#release()}. */
    public Gate holdNextConnection() {
        Gate g = new Gate();
        if (!gate.compareAndSet(null, g)) {
            throw new IllegalStateException("a connection is already being held");
        }
        return g;
    }

    /** One held {@link #getConnection()} call. */
    public static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until a caller is held here; fails the test after {@code timeout}. */
        public void awaitHeld(Duration timeout) throws InterruptedException {
            if (!entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("nobody asked for a connection within " + timeout);
            }
        }

        public void release() {
            released.countDown();
        }

        private void hold() throws SQLException {
            entered.countDown();
            try {
                if (!released.await(60, TimeUnit.SECONDS)) {
                    throw new SQLException("held connection never released by the test");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while held", e);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Gate g = gate.getAndSet(null);
        if (g != null) {
            g.hold();
        }
        return counted(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counted(delegate.getConnection(username, password));
    }

    private Connection counted(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(connection, args);
                        // counted once the database accepted it
                        if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                            commits.incrementAndGet();
                        } else if (method.getName().equals("rollback") && method.getParameterCount() == 0) {
                            rollbacks.incrementAndGet();
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
