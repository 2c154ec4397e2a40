package dev.gatehouse.web.data;

/** The body of {@link Database#transaction}. */
@FunctionalInterface
public interface TransactionWork {
    void run(Transaction tx) throws Exception;
}
