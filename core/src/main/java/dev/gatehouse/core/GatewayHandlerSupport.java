package dev.gatehouse.core;

/** Re-throws a caller's exception unchanged, checked or not (start_response's excInfo rule). */
final class GatewayHandlerSupport {
    private GatewayHandlerSupport() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
