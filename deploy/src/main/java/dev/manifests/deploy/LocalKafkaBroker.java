package dev.manifests.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Kafka broker for local mode and tests: one KRaft node that is broker and controller at once, running
 * {@code kafka.Kafka} in its own JVM on the deploy module's class path, with its data under a folder of ours.
 * {@link #start(Options)} formats the storage, launches the process and returns once the broker answers an admin
 * client; {@link #close()} stops it, and a shutdown hook stops it when the launching JVM exits first.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** Where the deploy build writes the broker's class path, relative to the repository root. */
    public static final String CLASSPATH_FILE = "deploy/target/broker.classpath";

    private static final String HOST = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How to run the broker.
     *
     * @param dataDir        folder for the configuration, the log segments and the broker's own log file
     * @param port           client listener port; 0 picks a free one
     * @param classPathFile  file holding the broker JVM's class path (see {@link #CLASSPATH_FILE})
     * @param startTimeout   how long to wait for the broker to answer before giving up
     * @param heapMegabytes  maximum heap of the broker JVM
     */
    public record Options(Path dataDir, int port, Path classPathFile, Duration startTimeout, int heapMegabytes) {

        /** Local defaults: a free port, the class path file found from the working directory, 60 s to start. */
        public static Options in(Path dataDir) {
            return new Options(dataDir, 0, findClassPathFile(Path.of("").toAbsolutePath()), Duration.ofSeconds(60), 512);
        }

        public Options withPort(int newPort) {
            return new Options(dataDir, newPort, classPathFile, startTimeout, heapMegabytes);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(dataDir, port, classPathFile, timeout, heapMegabytes);
        }
    }

    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;
    private final Thread stopOnExit;

    private LocalKafkaBroker(Process process, String bootstrapServers, Path logFile) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
        this.stopOnExit = new Thread(this::stopProcess, "stop-kafka-broker");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Formats the storage (unless the folder already holds a formatted broker), launches the broker and waits
     * until it answers {@code describeCluster}.
     *
     * @throws IllegalStateException when the broker exits or does not answer within the start timeout; the
     *                               message carries the end of the broker's log
     */
    public static LocalKafkaBroker start(Options options) throws IOException, InterruptedException {
        Path dataDir = options.dataDir().toAbsolutePath();
        Path logDir = dataDir.resolve("logs");
        Files.createDirectories(logDir);
        int port = options.port() == 0 ? freePort() : options.port();
        int controllerPort = freePort();
        String classPath = readClassPath(options.classPathFile());

        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, serverProperties(port, controllerPort, logDir), StandardCharsets.UTF_8);
        Path log4j = dataDir.resolve("log4j2.properties");
        Files.writeString(log4j, LOG_CONFIG, StandardCharsets.UTF_8);
        Path brokerLog = dataDir.resolve("broker.log");

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(options, classPath, config, log4j, brokerLog);
        }

        List<String> command = javaCommand(options, classPath, log4j);
        command.add("kafka.Kafka");
        command.add(config.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()))
                .start();
        LocalKafkaBroker broker = new LocalKafkaBroker(process, HOST + ":" + port, brokerLog);
        try {
            broker.awaitReady(options.startTimeout());
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's own log (stdout and stderr of its JVM). */
    public Path logFile() {
        return logFile;
    }

    /** Creates the topics that do not exist yet, each with the given partitions and replication factor 1. */
    public void createTopics(Collection<String> topics, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics " + topics + ": " + e.getCause(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not create topics " + topics + " within 30 s", e);
        }
    }

    /** Stops the broker (a clean shutdown first, then a kill) and waits for its process to end. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting and runs the hook itself; the broker is stopped either way
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String lastError = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + "; end of " + logFile + ":\n" + tail(logFile));
            }
            Map<String, Object> config = adminConfig(bootstrapServers);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            try (Admin admin = Admin.create(config)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                lastError = String.valueOf(e.getCause() == null ? e : e.getCause());
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the Kafka broker did not answer on " + bootstrapServers + " within "
                + timeout.toSeconds() + " s (" + lastError + "); end of " + logFile + ":\n" + tail(logFile));
    }

    private static void format(Options options, String classPath, Path config, Path log4j, Path brokerLog)
            throws IOException, InterruptedException {
        List<String> command = javaCommand(options, classPath, log4j);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        Process formatting = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()))
                .start();
        if (!formatting.waitFor(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            formatting.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka storage took longer than " + options.startTimeout());
        }
        if (formatting.exitValue() != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed with code " + formatting.exitValue()
                    + "; end of " + brokerLog + ":\n" + tail(brokerLog));
        }
    }

    private static List<String> javaCommand(Options options, String classPath, Path log4j) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.heapMegabytes() + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        command.add("-cp");
        command.add(classPath);
        return command;
    }

    static String serverProperties(int port, int controllerPort, Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                // a single node: every internal topic has one replica
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                // documents are files: allow records up to 16 MiB (the job enforces its own, lower, parse limit)
                "message.max.bytes=16777216",
                "replica.fetch.max.bytes=16777216",
                "") + "\n";
    }

    private static Map<String, Object> adminConfig(String bootstrapServers) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    private static String readClassPath(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no broker class path at " + file.toAbsolutePath()
                    + ": build the deploy module first (mvn -B -q install -DskipTests)");
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /** Looks for {@link #CLASSPATH_FILE} in the given folder and its parents (tests run inside a module folder). */
    static Path findClassPathFile(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CLASSPATH_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return start.resolve(CLASSPATH_FILE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static final String LOG_CONFIG = String.join("\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.out.ref = out",
            "logger.server.name = kafka.server.KafkaRaftServer",
            "logger.server.level = info",
            "") + "\n";

    /**
     * {@code start --data DIR [--port 9092] [--topics a,b,c] [--partitions 1] [--classpath-file F]}: runs a broker until this process
     * is stopped (Ctrl-C or SIGTERM), printing one line with the bootstrap servers once it is ready.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("start")) {
            System.err.println("usage: LocalKafkaBroker start --data DIR [--port 9092] [--topics a,b,c] [--partitions 1]");
            System.exit(2);
        }
        Path data = Path.of("work/kafka");
        int port = 9092;
        int partitions = 1;
        List<String> topics = List.of();
        Path classPathFile = null;
        for (int i = 1; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--data" -> data = Path.of(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--topics" -> topics = List.of(value.split(","));
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--classpath-file" -> classPathFile = Path.of(value);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Options options = Options.in(data).withPort(port);
        if (classPathFile != null) {
            options = new Options(options.dataDir(), port, classPathFile, options.startTimeout(), options.heapMegabytes());
        }
        LocalKafkaBroker broker = start(options);
        broker.createTopics(topics.stream().filter(topic -> !topic.isBlank()).toList(), partitions);
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (data in "
                + data.toAbsolutePath() + ", log in " + broker.logFile() + ")");
        System.out.flush();
        int exit = broker.process.waitFor();
        System.err.println("the Kafka broker exited with code " + exit);
        System.exit(exit == 0 ? 0 : 1);
    }
}
