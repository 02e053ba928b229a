package dev.quern.jar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The SHA-256 that names a jar, as 64 lower-case hex digits. */
public final class JarHash {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private JarHash() {}

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String of(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Refuses anything but 64 lower-case hex digits: the name becomes a znode and a file name. */
    public static String check(String sha256) {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a job jar is named by 64 lower-case hex digits (its SHA-256), got '" + sha256 + "'");
        }
        return sha256;
    }

    /** The first 12 digits, for messages. */
    public static String shortForm(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
