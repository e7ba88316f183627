package io.edgewatch.cli;

import io.edgewatch.config.ConfigException;
import io.edgewatch.config.Redact;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failed command becomes a message: a user error (bad option, bad file, bad config,
 * port taken) is one line saying what and where, exit 2; anything else one line, exit 1. Stack traces only
 * with {@code --debug} or log level debug.
 */
final class UserErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int USER_ERROR = 2;
    static final int FAILURE = 1;
    private static final Pattern NO_ENUM = Pattern.compile("No enum constant ([\\w.$]+)\\.(\\w+)");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(Redact.text(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)"));
        return USER_ERROR;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String user = userMessage(e);
        String name = cmd.getCommandSpec().qualifiedName();
        if (debug(parsed)) {
            e.printStackTrace(System.err);
        }
        if (user != null) {
            cmd.getErr().println(Redact.text(name + ": " + user));
            return USER_ERROR;
        }
        cmd.getErr().println(Redact.text(name + ": failed: " + describe(e)
                + (debug(parsed) ? "" : " (run with --debug for the stack trace)")));
        return FAILURE;
    }

    /** The one-line message when {@code e} or one of its causes is a known user error, else null. */
    static String userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = known(t);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static String known(Throwable t) {
        if (t instanceof ConfigException c) {
            return c.getMessage();
        }
        if (t instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file" + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
        }
        if (t instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException f) {
            return f.getFile() + ": " + f.getReason();
        }
        if (t instanceof IOException && t.getMessage() != null) {
            return t.getMessage(); // a named file or stream that cannot be read: the user fixes the name
        }
        if (t instanceof BindException b) {
            return "cannot listen: " + b.getMessage();
        }
        if (t instanceof UserError u) {
            return u.getMessage();
        }
        if (t instanceof IllegalArgumentException && t.getMessage() != null) {
            Matcher m = NO_ENUM.matcher(t.getMessage());
            return m.find() ? badChoice(m.group(1), m.group(2)) : t.getMessage();
        }
        return null;
    }

    /** "No enum constant x.CalibrationMethod.KL" → "kl is not a valid calibrationmethod: use minmax, ...". */
    private static String badChoice(String enumClass, String value) {
        String simple = enumClass.substring(enumClass.lastIndexOf('.') + 1);
        String allowed;
        try {
            allowed = Arrays.stream(Class.forName(enumClass).getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        } catch (ClassNotFoundException | RuntimeException e) {
            allowed = "see --help";
        }
        return "invalid value " + value.toLowerCase(Locale.ROOT) + " for " + simple + ": must be one of " + allowed;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null || m.contains(root.getMessage()) ? m
                : m + ": " + root.getMessage();
    }

    private static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        return root.isDebugEnabled();
    }
}
