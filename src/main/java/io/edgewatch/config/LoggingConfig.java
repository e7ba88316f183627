package io.edgewatch.config;

/** @param level root log level: trace, debug, info, warn, error */
public record LoggingConfig(String level) {}
