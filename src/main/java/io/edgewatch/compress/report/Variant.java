package io.edgewatch.compress.report;

import java.nio.file.Path;

/**
 * One compressed model in the report.
 *
 * @param name   short label for tables and plots
 * @param family fp32, int8, unstructured, structured, lowrank, wquant or combined
 * @param file   the model file as written
 * @param how    how it was made (options), for the table
 */
public record Variant(String name, String family, Path file, String how) {}
