package dev.gatehouse.cli;

import java.util.List;

/** A configuration file with problems: every one of them, as {@code FILE:LINE: what is wrong}. */
final class ConfigException extends StartupException {
    private final List<String> messages;

    ConfigException(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    List<String> messages() {
        return messages;
    }
}
