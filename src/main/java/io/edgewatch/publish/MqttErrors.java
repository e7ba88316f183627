package io.edgewatch.publish;

import org.eclipse.paho.mqttv5.common.MqttException;

/** Turns Paho connect failures into messages a user can act on (which credential or setting is wrong). */
final class MqttErrors {
    private MqttErrors() {}

    static String describe(MqttException e) {
        String hint = switch (e.getReasonCode()) {
            case 0x86 -> "bad user name or password (check mqtt.username and mqtt.password / password_file)";
            // mosquitto answers a wrong password with 0x87, not 0x86
            case 0x87 -> "not authorized: wrong user name or password, or this user/client id may not connect "
                    + "(check mqtt.username and mqtt.password / password_file)";
            case 0x85 -> "client identifier not valid (check mqtt.client_id)";
            case 0x88, 0x89 -> "broker unavailable or busy";
            case 0x8C -> "bad authentication method";
            default -> null;
        };
        String cause = rootCause(e);
        if (hint != null) {
            return hint + " [reason code " + e.getReasonCode() + "]";
        }
        if (cause.contains("SSLHandshake") || cause.contains("PKIX") || cause.contains("certificate")) {
            return "TLS handshake failed (check mqtt.tls_ca_file and the broker's certificate): " + cause;
        }
        return e.getMessage() + " [reason code " + e.getReasonCode() + "]" + (cause.isEmpty() ? "" : ": " + cause);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? "" : t.toString();
    }
}
