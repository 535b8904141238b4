package com.avgym.cli;

import java.nio.file.Path;

final class DataDirs {
    private DataDirs() {
    }

    /** {@code ~/.avgym}, or $AVGYM_HOME when set. */
    static Path defaultDataDir() {
        String override = System.getenv("AVGYM_HOME");
        return override != null && !override.isBlank() ? Path.of(override) : Path.of(System.getProperty("user.home"), ".avgym");
    }
}
