package dev.manifests.job.parse;

import java.io.Serializable;

/**
 * Limits and OCR settings of {@link DocumentParser}; each limit is enforced where its cost is paid (bytes before
 * parsing, characters while text is written, wall time around the parse).
 *
 * @param maxBytes largest document accepted, in bytes (default 16 MiB)
 * @param maxChars most characters of text one document may yield, embedded documents included (default 200,000)
 * @param timeoutMillis wall-clock budget of one parse, OCR included, in milliseconds (default 60,000)
 * @param ocrEnabled whether images and image-only PDF pages are read with Tesseract when it is installed (default true)
 * @param ocrLanguage Tesseract language code(s), e.g. {@code eng} or {@code eng+deu} (default {@code eng})
 * @param parseThreads threads one parser may keep busy at once: at least the number of threads that call
 *     {@link DocumentParser#parse} together, plus slack for parses that overran their time limit and are still
 *     unwinding (default 4)
 * @param ocrPageSegmentation Tesseract's page segmentation mode, 0 to 13 (default 6, one block of text: a form's
 *     rows are read across the page as a text PDF gives them, where the automatic modes read its columns one
 *     after the other and split the facts from their captions)
 * @param ocrEraseRuledLines whether the ruled lines of forms and tables are erased from a scan before OCR (default
 *     true; see {@link RuledLines})
 */
public record ParseOptions(
        long maxBytes, int maxChars, long timeoutMillis, boolean ocrEnabled, String ocrLanguage, int parseThreads,
        int ocrPageSegmentation, boolean ocrEraseRuledLines)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_CHARS = 200_000;
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000;
    public static final boolean DEFAULT_OCR_ENABLED = true;
    public static final String DEFAULT_OCR_LANGUAGE = "eng";
    public static final int DEFAULT_PARSE_THREADS = 4;
    public static final int DEFAULT_OCR_PAGE_SEGMENTATION = 6;
    public static final boolean DEFAULT_OCR_ERASE_RULED_LINES = true;

    public ParseOptions {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, got " + timeoutMillis);
        }
        if (ocrLanguage == null || !ocrLanguage.matches("[A-Za-z_]+(\\+[A-Za-z_]+)*")) {
            throw new IllegalArgumentException("ocrLanguage must be Tesseract language codes like eng or eng+deu, got "
                    + ocrLanguage);
        }
        if (parseThreads <= 0) {
            throw new IllegalArgumentException("parseThreads must be positive, got " + parseThreads);
        }
        if (ocrPageSegmentation < 0 || ocrPageSegmentation > 13) {
            throw new IllegalArgumentException("ocrPageSegmentation must be a Tesseract page segmentation mode from 0"
                    + " to 13, got " + ocrPageSegmentation);
        }
    }

    /** The defaults the job runs with. */
    public static ParseOptions defaults() {
        return new ParseOptions(DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT_MILLIS, DEFAULT_OCR_ENABLED,
                DEFAULT_OCR_LANGUAGE, DEFAULT_PARSE_THREADS, DEFAULT_OCR_PAGE_SEGMENTATION,
                DEFAULT_OCR_ERASE_RULED_LINES);
    }

    public ParseOptions withMaxBytes(long value) {
        return new ParseOptions(value, maxChars, timeoutMillis, ocrEnabled, ocrLanguage,
                parseThreads, ocrPageSegmentation, ocrEraseRuledLines);
    }

    public ParseOptions withMaxChars(int value) {
        return new ParseOptions(maxBytes, value, timeoutMillis, ocrEnabled, ocrLanguage,
                parseThreads, ocrPageSegmentation, ocrEraseRuledLines);
    }

    public ParseOptions withTimeoutMillis(long value) {
        return new ParseOptions(maxBytes, maxChars, value, ocrEnabled, ocrLanguage,
                parseThreads, ocrPageSegmentation, ocrEraseRuledLines);
    }

    public ParseOptions withOcrEnabled(boolean value) {
        return new ParseOptions(maxBytes, maxChars, timeoutMillis, value, ocrLanguage,
                parseThreads, ocrPageSegmentation, ocrEraseRuledLines);
    }

    public ParseOptions withOcrLanguage(String value) {
        return new ParseOptions(maxBytes, maxChars, timeoutMillis, ocrEnabled, value,
                parseThreads, ocrPageSegmentation, ocrEraseRuledLines);
    }

    public ParseOptions withParseThreads(int value) {
        return new ParseOptions(maxBytes, maxChars, timeoutMillis, ocrEnabled, ocrLanguage,
                value, ocrPageSegmentation, ocrEraseRuledLines);
    }

    public ParseOptions withOcrPageSegmentation(int value) {
        return new ParseOptions(maxBytes, maxChars, timeoutMillis, ocrEnabled, ocrLanguage,
                parseThreads, value, ocrEraseRuledLines);
    }

    public ParseOptions withOcrEraseRuledLines(boolean value) {
        return new ParseOptions(maxBytes, maxChars, timeoutMillis, ocrEnabled, ocrLanguage,
                parseThreads, ocrPageSegmentation, value);
    }
}
