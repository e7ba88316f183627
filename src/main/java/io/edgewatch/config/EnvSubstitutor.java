package io.edgewatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config strings from an injected environment.
 * As in POSIX shells, the default is used when the variable is unset or empty. {@code $${} writes a literal
 * {@code ${}. A variable that is unset (or empty) and has no default is a problem, reported by name.
 */
final class EnvSubstitutor {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Substituted text plus the problems found (empty when all placeholders resolved). */
    record Result(String value, List<String> problems) {}

    private final Map<String, String> env;

    EnvSubstitutor(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    static boolean hasPlaceholder(String text) {
        return text.contains("${");
    }

    Result apply(String text) {
        if (!hasPlaceholder(text)) {
            return new Result(text, List.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add("unterminated placeholder (missing '}')");
                    out.append(text, i, text.length());
                    break;
                }
                out.append(resolve(text.substring(i + 2, end), problems));
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new Result(out.toString(), List.copyOf(problems));
    }

    private String resolve(String body, List<String> problems) {
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            problems.add("invalid placeholder ${" + (sep < 0 ? body : name + ":-...") + "}: variable names are"
                    + " letters, digits and _");
            return "";
        }
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (sep >= 0) {
            return body.substring(sep + 2);
        }
        problems.add("environment variable " + name + " is " + (value == null ? "not set" : "empty")
                + " (write ${" + name + ":-default} to give a default)");
        return "";
    }
}
