package dev.gatehouse.examples.accounts;

/**
 * One stored account request, as the admin page shows it.
 *
 * @param status      {@code pending}, {@code approved} or {@code rejected}
 * @param sponsor     the sponsor's login, or null
 * @param decidedAt   when it was approved or rejected (ISO-8601), or null while pending
 */
public record AccountRequest(long id, String name, String login, String email, String reason, String sponsor,
                             String status, String requestedAt, String decidedAt) {
    public boolean isPending() {
        return status.equals(AccountRequests.PENDING);
    }
}
