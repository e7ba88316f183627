package io.edgewatch.cli.models;

import picocli.CommandLine.Option;

/** {@code --input-size S}: the square network input every NanoDet command preprocesses frames to. */
public final class InputSizeOption {
    @Option(names = "--input-size", defaultValue = "416",
            description = "square network input (default ${DEFAULT-VALUE})")
    int inputSize;
}
