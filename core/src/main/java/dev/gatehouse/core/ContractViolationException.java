package dev.gatehouse.core;

/** An application (or a server) broke a rule of the gateway interface. */
public class ContractViolationException extends RuntimeException {
    public ContractViolationException(String message) {
        super(message);
    }
}
