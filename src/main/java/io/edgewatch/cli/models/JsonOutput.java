package io.edgewatch.cli.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --json FILE}: the commands that print Markdown can also write their results as JSON for later tools. */
public final class JsonOutput {
    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON here")
    Path json;

    /** Writes the document (maps, lists, records) as indented JSON if {@code --json} was given. */
    void write(Object doc) throws IOException {
        if (json != null) {
            write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        }
    }

    /** Writes already serialised JSON if {@code --json} was given. */
    void write(String text) throws IOException {
        if (json != null) {
            Files.writeString(json, text);
            System.err.println("wrote " + json);
        }
    }
}
