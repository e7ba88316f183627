package io.edgewatch.cli;

import io.edgewatch.app.NativeLibraries;
import io.edgewatch.config.ConfigError;
import io.edgewatch.config.ConfigException;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Validates a config file and lists every error at once; exit 0 when valid, 2 when not. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate a configuration file and print every error as `path: value: message`.",
                "Also loads the model in ONNX Runtime and checks that every named file can be read and the",
                "outbox written, so that `run` will not fail at start on a file.",
                "Exit code 0 when valid, 2 when not."})
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "YAML configuration file")
    Path file;

    @Override
    public Integer call() {
        try {
            EdgewatchConfig c = ConfigLoader.load(file);
            Optional<String> natives = NativeLibraries.check();
            if (natives.isPresent()) {
                System.err.println(natives.get());
                return 2;
            }
            List<ConfigError> deep = DeepChecks.of(c);
            if (!deep.isEmpty()) {
                throw new ConfigException(file.toString(), deep);
            }
            long enabled = c.cameras().stream().filter(cam -> cam.enabled()).count();
            System.out.printf("%s: OK (%d camera(s), %d enabled; model %s)%n", file, c.cameras().size(), enabled,
                    c.model().auto() ? "auto, variants " + c.model().variants() : c.model().path());
            return 0;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
