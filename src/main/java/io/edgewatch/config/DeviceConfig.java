package io.edgewatch.config;

/** @param name device id used in MQTT topics and event payloads ([a-z0-9_-], 1..64) */
public record DeviceConfig(String name) {}
