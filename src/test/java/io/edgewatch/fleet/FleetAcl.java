package io.edgewatch.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The least-privilege mosquitto ACL documented in docs/fleet.md, for tests: each box's MQTT user name is its
 * device.name and may write only under its own device prefix and its own Home Assistant discovery topics; the
 * backend user reads (and may write) every box's topics.
 */
final class FleetAcl {
    /** Keep in step with the "ACL" block in docs/fleet.md (FleetDocsTest compares them). */
    static final String ACL = """
            # Every box: user name = device.name; only its own topics.
            pattern write edgewatch/%u/#
            pattern write homeassistant/+/edgewatch_%u/#

            # The backend consumers.
            user backend
            topic readwrite edgewatch/#
            topic read homeassistant/#
            """;

    private FleetAcl() {}

    /** user → password for the given boxes plus the backend user. */
    static Map<String, String> users(String... boxes) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String box : boxes) {
            users.put(box, "pw-" + box);
        }
        users.put("backend", "pw-backend");
        return users;
    }
}
