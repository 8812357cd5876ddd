package dev.manifests.job.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;

/**
 * Turns the bytes of a shipping document (PDF, Office, e-mail, image, text) into plain text with Apache Tika,
 * under hard limits on bytes, characters and wall time, with Tesseract OCR for scans. Thread-safe: one instance
 * serves every thread of a task; {@link #close()} stops its parse threads.
 *
 * <p>Tesseract runs as a child process with the JVM's environment: start the JVM with {@code OMP_THREAD_LIMIT=1},
 * or Tesseract's OpenMP threads fight the parse threads for the cores (one page took 14 s instead of 2 s on two
 * cores).
 */
public final class DocumentParser implements AutoCloseable {

    /** Parsers Tika names when no real parser handled a type. */
    private static final Set<String> NON_PARSERS = Set.of(
            "org.apache.tika.parser.EmptyParser",
            "org.apache.tika.parser.DefaultParser",
            "org.apache.tika.parser.AutoDetectParser",
            "org.apache.tika.parser.CompositeParser");

    private static final double MIB = 1024.0 * 1024.0;

    private final ParseOptions options;
    private final Detector detector;
    private final AutoDetectParser parser;
    private final boolean tesseractInstalled;
    private final Semaphore permits;
    private final ThreadPoolExecutor executor;

    public DocumentParser(ParseOptions options) {
        this.options = options;
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.tesseractInstalled = options.ocrEnabled() && tesseractInstalled();
        this.parser = options.ocrEraseRuledLines() && tesseractInstalled
                ? new AutoDetectParser(detector, config.getParser(), new ScanOcrParser(tesseractOf(config)))
                : new AutoDetectParser(config);
        // a parse holds its permit until its thread is free again, so parses that overran their limit and ignore
        // interruption cannot pile up: once all permits are held, further documents fail instead of queueing
        this.permits = new Semaphore(options.parseThreads());
        this.executor = new ThreadPoolExecutor(options.parseThreads(), options.parseThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** Version of Apache Tika on the class path, e.g. {@code 3.3.1}, for lineage. */
    public static String tikaVersion() {
        String resource = "/META-INF/maven/org.apache.tika/tika-core/pom.properties";
        try (InputStream in = TikaConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                String version = TikaConfig.class.getPackage().getImplementationVersion();
                return version == null ? "unknown" : version;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Tika version from " + resource, e);
        }
    }

    /** The options this parser enforces. */
    public ParseOptions options() {
        return options;
    }

    /** Whether images and image-only PDF pages are read with OCR (enabled and the tesseract binary found). */
    public boolean ocrAvailable() {
        return tesseractInstalled;
    }

    /**
     * Extracts the text of one document.
     *
     * @param bytes the file's content
     * @param filenameOrNull the file name, a hint for type detection
     * @param contentTypeOrNull the declared media type, a hint for type detection
     * @return the text, or a failure whose reason says what an operator can do about it
     */
    public ParseOutcome parse(byte[] bytes, String filenameOrNull, String contentTypeOrNull) {
        long startNanos = System.nanoTime();
        if (bytes == null || bytes.length == 0) {
            return new ParseOutcome.Failed("zero-byte document", null, 0);
        }
        if (bytes.length > options.maxBytes()) {
            return new ParseOutcome.Failed(
                    "document is " + size(bytes.length) + ", over the " + size(options.maxBytes()) + " limit",
                    null, millisSince(startNanos));
        }
        AtomicReference<String> detectedType = new AtomicReference<>();
        try {
            if (!permits.tryAcquire(options.timeoutMillis(), TimeUnit.MILLISECONDS)) {
                return new ParseOutcome.Failed("parser busy: all " + options.parseThreads()
                        + " parse threads are still held by earlier documents", null, millisSince(startNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ParseOutcome.Failed("parse interrupted: the task is shutting down", null,
                    millisSince(startNanos));
        }
        AtomicBoolean permitHeld = new AtomicBoolean(true);
        AtomicBoolean started = new AtomicBoolean();
        Runnable releasePermit = () -> {
            if (permitHeld.compareAndSet(true, false)) {
                permits.release();
            }
        };
        Future<ParseOutcome> future;
        try {
            future = executor.submit(() -> {
                started.set(true);
                try {
                    return parseNow(bytes, filenameOrNull, contentTypeOrNull, detectedType, startNanos);
                } finally {
                    releasePermit.run();
                }
            });
        } catch (RejectedExecutionException e) {
            releasePermit.run();
            return new ParseOutcome.Failed("parse cancelled: the parser is closed", null, millisSince(startNanos));
        }
        try {
            return future.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancel(future, started, releasePermit);
            return new ParseOutcome.Failed("parse timed out after " + options.timeoutMillis() + " ms",
                    detectedType.get(), millisSince(startNanos));
        } catch (InterruptedException e) {
            cancel(future, started, releasePermit);
            Thread.currentThread().interrupt();
            return new ParseOutcome.Failed("parse interrupted: the task is shutting down", detectedType.get(),
                    millisSince(startNanos));
        } catch (CancellationException e) {
            return new ParseOutcome.Failed("parse cancelled: the parser is closing", detectedType.get(),
                    millisSince(startNanos));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                // out of memory, linkage errors: the infrastructure is broken, not the document
                throw error;
            }
            return new ParseOutcome.Failed(failureReason(cause, detectedType.get()), detectedType.get(),
                    millisSince(startNanos));
        }
    }

    /** Interrupts a running parse; one that never started gives its permit back here, as it never will. */
    private static void cancel(Future<ParseOutcome> future, AtomicBoolean started, Runnable releasePermit) {
        future.cancel(true);
        if (!started.get()) {
            releasePermit.run();
        }
    }

    private ParseOutcome parseNow(byte[] bytes, String filename, String declaredType,
            AtomicReference<String> detectedType, long startNanos) throws Exception {
        Metadata metadata = new Metadata();
        if (filename != null && !filename.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        if (declaredType != null && !declaredType.isBlank()) {
            metadata.set(TikaCoreProperties.CONTENT_TYPE_HINT, declaredType);
        }
        String type;
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            type = detector.detect(in, metadata).getBaseType().toString();
        }
        detectedType.set(type);

        StringWriter text = new StringWriter();
        // the write limit counts the body and every embedded document together and throws when passed
        BodyContentHandler handler = new BodyContentHandler(new WriteOutContentHandler(text, options.maxChars()));
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            parser.parse(in, handler, metadata, parseContext());
        }
        long parseMillis = millisSince(startNanos);
        if (!parsedByRealParser(metadata)) {
            return new ParseOutcome.Failed("unsupported document type " + type, type, parseMillis);
        }
        String extracted = text.toString();
        if (extracted.isBlank()) {
            return new ParseOutcome.Failed(noTextReason(type), type, parseMillis);
        }
        return new ParseOutcome.Parsed(extracted, type, parseMillis);
    }

    private ParseContext parseContext() {
        ParseContext context = new ParseContext();
        // parse attachments and other embedded documents with the same parser, their text after the body
        context.set(Parser.class, parser);

        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(!tesseractInstalled);
        ocr.setLanguage(options.ocrLanguage());
        ocr.setPageSegMode(Integer.toString(options.ocrPageSegmentation()));
        ocr.setTimeoutSeconds((int) Math.max(1, (options.timeoutMillis() + 999) / 1000));
        context.set(TesseractOCRConfig.class, ocr);

        PDFParserConfig pdf = new PDFParserConfig();
        // AUTO renders and reads only pages without a text layer, so text PDFs never pay for OCR
        pdf.setOcrStrategy(tesseractInstalled ? PDFParserConfig.OCR_STRATEGY.AUTO
                : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }

    /** Tika's Tesseract parser among the configured ones; the later of two parsers for a type wins. */
    private static Parser tesseractOf(TikaConfig config) {
        if (config.getParser() instanceof CompositeParser composite) {
            for (Parser component : composite.getAllComponentParsers()) {
                if (component instanceof TesseractOCRParser tesseract) {
                    return tesseract;
                }
            }
        }
        throw new IllegalStateException("Tika's TesseractOCRParser is not on the class path: add tika-parser-ocr-module");
    }

    private static boolean parsedByRealParser(Metadata metadata) {
        String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
        for (String name : parsedBy) {
            if (!NON_PARSERS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private String noTextReason(String type) {
        boolean image = type.startsWith("image/");
        boolean pdf = type.equals("application/pdf");
        if ((image || pdf) && !options.ocrEnabled()) {
            return "no text found: the " + (image ? "image" : "PDF") + " has no text layer and OCR is disabled";
        }
        if ((image || pdf) && !tesseractInstalled) {
            return "no text found: the " + (image ? "image" : "PDF")
                    + " has no text layer and the tesseract binary is not installed";
        }
        if (image || pdf) {
            return "no text found, not even by OCR";
        }
        return "no text found";
    }

    private String failureReason(Throwable cause, String type) {
        if (WriteLimitReachedException.isWriteLimitReached(cause)) {
            return "text over " + options.maxChars() + " characters";
        }
        if (hasCause(cause, EncryptedDocumentException.class)) {
            String what = "application/pdf".equals(type) ? "PDF" : "document (" + type + ")";
            return "encrypted " + what + ": a password is required";
        }
        if (hasCause(cause, ZeroByteFileException.class)) {
            return "zero-byte document";
        }
        return "corrupt or unreadable " + (type == null ? "document" : type) + ": " + rootMessage(cause);
    }

    private static boolean hasCause(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of a cause chain: wrappers like Tika's "TIKA-198: Illegal IOException" add nothing. */
    private static String rootMessage(Throwable thrown) {
        String message = thrown.getClass().getSimpleName();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /**
     * The first line Tesseract prints for {@code --version} ({@code tesseract 5.3.0}), or null when no tesseract
     * binary answers on the path.
     */
    public static String tesseractVersion() {
        try {
            Process process = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            String first;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                first = out.readLine();
                while (out.readLine() != null) {
                    // drain, so the process never blocks on a full pipe
                }
            }
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && first != null
                    ? first.trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean tesseractInstalled() {
        try {
            return new TesseractOCRParser().hasTesseract();
        } catch (TikaConfigException e) {
            throw new IllegalStateException("cannot check for the tesseract binary", e);
        }
    }

    /** A byte count as an operator reads it: 512 bytes, 3.5 KiB, 1.6 MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        boolean kib = bytes < 1024 * 1024;
        double value = kib ? bytes / 1024.0 : bytes / MIB;
        String number = value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + (kib ? " KiB" : " MiB");
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tika-parse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the parse threads, interrupting parses still running. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
