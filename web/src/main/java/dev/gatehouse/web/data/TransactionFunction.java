package dev.gatehouse.web.data;

/** The body of {@link Database#inTransaction}, returning a value. */
@FunctionalInterface
public interface TransactionFunction<T> {
    T apply(Transaction tx) throws Exception;
}
