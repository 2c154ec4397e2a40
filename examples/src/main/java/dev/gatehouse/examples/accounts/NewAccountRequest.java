package dev.gatehouse.examples.accounts;

/** A validated request as the form delivers it; {@code sponsor} is null when none was named. */
record NewAccountRequest(String name, String login, String email, String reason, String sponsor) {
}
