package dev.manifests.samples.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Rewrites a ZIP container (DOCX, XLSX) with one fixed entry time, because POI stamps entries with the clock. */
final class FixZipTimes {

    /** 2026-01-01 00:00 local DOS time; ZIP stores no zone. */
    private static final long ENTRY_TIME_MILLIS = 1767225600000L;

    private FixZipTimes() {
    }

    static byte[] rewrite(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 1024);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream rewritten = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(ENTRY_TIME_MILLIS);
                rewritten.putNextEntry(copy);
                in.transferTo(rewritten);
                rewritten.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
